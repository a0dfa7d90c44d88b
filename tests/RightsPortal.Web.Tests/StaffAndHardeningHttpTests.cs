using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Web.Tests;

public sealed partial class StaffAndHardeningHttpTests(PortalWebFactory portal) : IClassFixture<PortalWebFactory>
{
    [Theory]
    [InlineData("/casework")]
    [InlineData("/staff")]
    [InlineData("/casework/requests/7d3a1f0e-1111-4222-8333-944445555666")]
    public async Task Staff_pages_send_anyone_not_signed_in_to_sign_in(string path)
    {
        var response = await portal.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/Account/Login", location, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stk/access-request")]
    [InlineData("/Account/Login")]
    public async Task Every_page_carries_the_security_headers_and_public_pages_have_no_inline_script(string path)
    {
        var response = await portal.Browser().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task The_shared_assets_are_served_fingerprinted_with_their_content()
    {
        var client = portal.Browser();
        var html = await client.GetStringAsync("/");
        var stylesheet = StylesheetLink().Match(html).Groups[1].Value;
        Assert.Matches(@"^assets/css/public\.[a-z0-9]+\.css$", stylesheet);
        var css = await client.GetStringAsync("/" + stylesheet);
        Assert.Contains(".rp-error-summary", css, StringComparison.Ordinal);

        var logo = await client.GetAsync("/assets/logos/stk.svg");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Contains("<svg", await logo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_signs_in_and_opens_the_queue_and_a_request_of_their_own_organisation()
    {
        var reference = await SubmitAsync("stk");
        var client = portal.Browser();
        var signedIn = await SignInAsync(client, "caseworker.stk@rightsportal.test", PortalSeeder.DemoPassword, "/casework");
        Assert.Equal("/casework", LocalPath(client, signedIn));

        var queue = await client.GetAsync("/casework");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);

        await using var db = portal.Db();
        var id = await db.Requests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
        var detail = await client.GetStringAsync($"/casework/requests/{id}");
        Assert.Contains(reference, detail, StringComparison.Ordinal);
        Assert.Contains("Robin Webchild", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_of_another_organisation_cannot_open_the_request()
    {
        var reference = await SubmitAsync("stk");
        var client = portal.Browser();
        await SignInAsync(client, "caseworker.bar@rightsportal.test", PortalSeeder.DemoPassword, "/staff");

        await using var db = portal.Db();
        var id = await db.Requests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
        var detail = await client.GetStringAsync($"/casework/requests/{id}");
        Assert.Contains("Request not found", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Robin Webchild", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_is_not_shown_the_casework_queue()
    {
        var client = portal.Browser();
        await SignInAsync(client, "admin@rightsportal.test", PortalSeeder.DemoPassword, "/staff");
        var response = await client.GetAsync("/casework");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_plain_message_and_no_sign_in()
    {
        var client = portal.Browser();
        var response = await SignInAsync(client, "caseworker.hhj@rightsportal.test", "not-the-password", "/casework");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email address or password is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/casework")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_sends_staff_to_another_site(string returnUrl)
    {
        var client = portal.Browser();
        var response = await SignInAsync(client, "dpo.stk@rightsportal.test", PortalSeeder.DemoPassword, returnUrl);
        Assert.Equal("/staff", LocalPath(client, response));
    }

    [Fact]
    public async Task A_failure_inside_the_portal_shows_a_calm_page_with_a_reference_and_no_details()
    {
        using var failing = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, BoomFilter>()));
        var response = await failing.CreateClient().GetAsync("/test-boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"correlation-id\">[0-9a-f-]{8,}<", body);
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_is_a_calm_not_found_page()
    {
        var response = await portal.Browser().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_start_creates_a_migrated_seeded_database_in_write_ahead_mode()
    {
        _ = portal.Browser();
        var file = Path.Combine(portal.DataDirectory, "portal.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM Organisations";
        Assert.Equal(3L, (long)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
    }

    private async Task<string> SubmitAsync(string code)
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, $"/{code}/access-request");
        var submission = FormPost.SubmissionId(html);
        var posted = await FormPost.PostAsync(client, $"/{code}/access-request", FormPost.ValidAccessRequest(token, submission));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await using var db = portal.Db();
        return await db.Requests.Where(r => r.SubmissionId == Guid.Parse(submission)).Select(r => r.Reference).SingleAsync();
    }

    /// <summary>The path a redirect leads to, and proof that it stays on this site.</summary>
    private static string LocalPath(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        return target.AbsolutePath;
    }

    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl)
    {
        var path = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var (token, _) = await FormPost.OpenAsync(client, path);
        return await FormPost.PostAsync(client, path,
            [new("__RequestVerificationToken", token), new("_handler", "login"), new("Input.Email", email), new("Input.Password", password)]);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+public[^\"]+)\"")]
    private static partial Regex StylesheetLink();

    private sealed class BoomFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test-boom", b => b.Run(_ => throw new InvalidOperationException("secret detail")));
        };
    }
}

public sealed class RateLimitHttpTests(TightlyLimitedPortalFactory portal) : IClassFixture<TightlyLimitedPortalFactory>
{
    [Fact]
    public async Task Too_many_form_posts_from_one_client_are_refused_with_a_plain_message_but_pages_still_load()
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var fields = FormPost.ValidAccessRequest(token, FormPost.SubmissionId(html));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FormPost.PostAsync(client, "/stk/access-request", fields)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FormPost.PostAsync(client, "/stk/access-request", fields)).StatusCode);
        var third = await FormPost.PostAsync(client, "/stk/access-request", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Too many attempts", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
