using System.Net;
using System.Text.RegularExpressions;

namespace RightsPortal.Web.Tests;

/// <summary>A static server-rendered form as a browser without JavaScript sees it: its page, anti-forgery token and handler name.</summary>
public sealed partial record StaticForm(string Path, string Html, string Token, string Handler)
{
    /// <summary>GETs the page (which must be 200) and reads the form's hidden fields.</summary>
    public static async Task<StaticForm> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var token = HiddenValue(html, "__RequestVerificationToken");
        var handler = HiddenValue(html, "_handler");
        Assert.False(string.IsNullOrEmpty(token), $"{path} carries an anti-forgery token.");
        Assert.False(string.IsNullOrEmpty(handler), $"{path} names its form handler.");
        return new StaticForm(path, html, token!, handler!);
    }

    /// <summary>The value of a named input on the page, decoded; null when there is none.</summary>
    public string? Value(string name) => HiddenValue(Html, name);

    /// <summary>Posts the fields with the page's token and handler, as the browser would.</summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields, string? path = null) =>
        PostRawAsync(client, path ?? Path, [new("__RequestVerificationToken", Token), new("_handler", Handler), .. fields]);

    /// <summary>Posts exactly these fields (no token or handler added).</summary>
    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    private static string? HiddenValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (AttributeValue(tag, "name") == name)
            {
                return AttributeValue(tag, "value") is { } value ? WebUtility.HtmlDecode(value) : null;
            }
        }

        return null;
    }

    private static string? AttributeValue(string tag, string attribute)
    {
        var match = Regex.Match(tag, $"\\s{Regex.Escape(attribute)}=\"([^\"]*)\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();
}

/// <summary>
/// The family's access-request form (at /{org}/access-request, the same page as every other right), filled in the way
/// the page names its fields. <see cref="Valid"/> is a parent who ticks the declaration and presses Send straight away.
/// </summary>
public static class AccessRequestFields
{
    public const string ChildName = "Robin Webchild";

    public static List<KeyValuePair<string, string>> Valid(string submissionId) =>
    [
        new("Form.SubmissionId", submissionId),
        new("Form.RequesterRole", "ParentCarer"),
        new("Form.ParentalResponsibility", "true"),
        new("Form.RequesterName", "Pat Webparent"),
        new("Form.RequesterEmail", "pat.webparent@example.org"),
        new("Form.SubjectName", ChildName),
        new("Form.DobDay", "27"),
        new("Form.DobMonth", "3"),
        new("Form.DobYear", "2014"),
        new("Form.SubjectSetting", "Example Primary"),
        new("categories", "contact-details"),
        new("categories", "health"),
        new("Form.Answer1", "Reports from 2024"),
        new("Form.Action", "send"),
    ];

    /// <summary>Only the submission id: every question left unanswered, and Continue pressed.</summary>
    public static List<KeyValuePair<string, string>> Empty(string submissionId) =>
    [
        new("Form.SubmissionId", submissionId),
        new("Form.RequesterName", ""),
        new("Form.RequesterEmail", ""),
        new("Form.SubjectName", ""),
        new("Form.DobDay", ""),
        new("Form.DobMonth", ""),
        new("Form.DobYear", ""),
        new("Form.SubjectSetting", ""),
        new("Form.Answer1", ""),
        new("Form.Action", "check"),
    ];

    /// <summary>The fields with every value of <paramref name="name"/> replaced by <paramref name="values"/> (none: removed).</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, params string[] values) =>
        [.. fields.Where(f => f.Key != name), .. values.Select(v => new KeyValuePair<string, string>(name, v))];

    /// <summary>Opens the form, posts a valid request and returns the submission id and the response.</summary>
    public static async Task<(Guid SubmissionId, HttpResponseMessage Response)> SubmitAsync(HttpClient client, string organisationCode)
    {
        var form = await StaticForm.OpenAsync(client, $"/{organisationCode}/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var response = await form.PostAsync(client, Valid(submission));
        return (Guid.Parse(submission), response);
    }
}
