using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace RightsPortal.Web.Tests;

/// <summary>Headers, failures, start-up and static assets: what protects families and staff whatever page they are on.</summary>
public sealed partial class HardeningHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/stk/access-request")]
    [InlineData("/Account/Login")]
    [InlineData("/no-such-page")]
    public async Task Pages_carry_the_security_headers(string path)
    {
        var response = await portal.Browser().GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"script-src[^;]*'unsafe-inline'", csp);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stk/access-request")]
    [InlineData("/Account/Login")]
    public async Task Public_pages_have_no_inline_script_so_the_policy_holds(string path)
    {
        var html = await portal.Browser().GetStringAsync(path);

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineEventHandler(), html);
    }

    [Fact]
    public async Task The_shared_assets_are_served_fingerprinted_with_their_content()
    {
        var client = portal.Browser();
        var html = await client.GetStringAsync("/");
        var stylesheet = StylesheetLink().Match(html).Groups[1].Value;
        Assert.Matches(@"^assets/css/public\.[a-z0-9]+\.css$", stylesheet);

        var css = await client.GetAsync("/" + stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains(".rp-error-summary", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var logo = await client.GetAsync("/assets/logos/stk.svg");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Contains("<svg", await logo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_inside_the_portal_shows_a_calm_page_with_a_reference_and_no_details()
    {
        using var app = new PortalFactory();
        using var failing = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, BoomFilter>()));

        var response = await failing.CreateClient().GetAsync("/test-boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        Assert.Contains("give this reference", body, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"correlation-id\">[0-9A-Za-z:-]{8,}<", body);
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task An_unknown_address_is_a_calm_not_found_page()
    {
        var response = await portal.Browser().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_start_creates_a_migrated_seeded_database_in_write_ahead_mode()
    {
        using var fresh = new PortalFactory();
        Assert.False(File.Exists(fresh.DatabaseFile));

        using var client = fresh.CreateClient(); // starts the app: migrate, WAL, seed

        Assert.True(File.Exists(fresh.DatabaseFile));
        await using var connection = new SqliteConnection($"Data Source={fresh.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT Name FROM Organisations ORDER BY Name";
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }

        Assert.Equal(["Hursthead Junior School", "London Borough of Barnet", "Stoke-on-Trent City Council"], names);
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
        command.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
        Assert.Equal(10L, (long)(await command.ExecuteScalarAsync())!); // Development: an administrator, and a caseworker, a DPO and a service contact per organisation
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) :
        response.Content.Headers.TryGetValues(name, out var contentValues) ? Assert.Single(contentValues) :
        throw new Xunit.Sdk.XunitException($"{name} header is missing");

    /// <summary>A &lt;script&gt; element without a src attribute.</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineEventHandler();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+public[^\"]+)\"")]
    private static partial Regex StylesheetLink();

    /// <summary>Adds an endpoint that fails with a message that must never reach the browser.</summary>
    private sealed class BoomFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (context, nextMiddleware) =>
            {
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/test-boom")
                {
                    throw new InvalidOperationException("secret detail");
                }

                await nextMiddleware(context);
            });
        };
    }
}

/// <summary>Form posts are rate limited per client; page views are not.</summary>
public sealed class RateLimitHttpTests(TightlyLimitedPortalFactory portal) : IClassFixture<TightlyLimitedPortalFactory>
{
    [Fact]
    public async Task The_third_post_in_a_minute_is_refused_with_a_plain_message_but_pages_still_load()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var fields = AccessRequestFields.Valid(form.Value("Form.SubmissionId")!);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await form.PostAsync(client, fields)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await form.PostAsync(client, fields)).StatusCode);
        var third = await form.PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var body = await third.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/stk/access-request")).StatusCode);
        }
    }
}
