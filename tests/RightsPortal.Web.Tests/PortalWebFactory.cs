using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;

namespace RightsPortal.Web.Tests;

/// <summary>The whole web app in memory, on its own temporary data folder (database migrated and seeded at start).</summary>
public class PortalWebFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rightsportal-web-" + Guid.NewGuid().ToString("N"));

    protected virtual int FormPostsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:FormPostsPerMinute", FormPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public PortalDb Db() => Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

public sealed class TightlyLimitedPortalFactory : PortalWebFactory
{
    protected override int FormPostsPerMinute => 2;
}

/// <summary>Fills and posts the families' static forms as a browser without JavaScript would.</summary>
public static partial class FormPost
{
    public static async Task<(string Token, string Html)> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The form carries an anti-forgery token.");
        return (WebUtility.HtmlDecode(token), html);
    }

    public static string SubmissionId(string html) => SubmissionPattern().Match(html).Groups[1].Value;

    public static List<KeyValuePair<string, string>> ValidAccessRequest(string token, string submissionId) =>
    [
        new("__RequestVerificationToken", token),
        new("_handler", "access-request"),
        new("Form.SubmissionId", submissionId),
        new("Form.RequesterRole", "ParentCarer"),
        new("Form.RequesterName", "Pat Webparent"),
        new("Form.RequesterEmail", "pat.webparent@example.org"),
        new("Form.SubjectName", "Robin Webchild"),
        new("Form.DobDay", "27"),
        new("Form.DobMonth", "3"),
        new("Form.DobYear", "2014"),
        new("Form.SubjectSetting", "Example Primary"),
        new("categories", "contact-details"),
        new("categories", "health"),
        new("Form.Details", "Reports from 2024"),
    ];

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value) =>
        [.. fields.Where(f => f.Key != name), new(name, value)];

    public static List<KeyValuePair<string, string>> Without(this List<KeyValuePair<string, string>> fields, string name) =>
        [.. fields.Where(f => f.Key != name)];

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Form.SubmissionId\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionPattern();
}
