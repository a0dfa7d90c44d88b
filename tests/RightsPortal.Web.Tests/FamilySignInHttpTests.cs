using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Seeding;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Tests;

/// <summary>A family signs in with an emailed code and sees their own requests, over HTTP, without JavaScript.</summary>
public sealed partial class FamilySignInHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string WrongOrExpired = "That code is not right or has expired. Ask for a new code.";

    [Fact]
    public async Task The_start_page_links_to_checking_on_a_request()
    {
        var html = await portal.Browser().GetStringAsync("/");
        Assert.Matches("<a href=\"/sign-in\"[^>]*>Check on a request you have made</a>", html);
    }

    [Fact]
    public async Task A_family_asks_for_a_code_signs_in_and_sees_their_request_and_its_detail()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        var reference = await SubmitRequestAsync(client, email);
        var otherReference = await SubmitRequestAsync(client, UniqueEmail());

        var checkEmail = await AskForCodeAsync(client, email.ToUpperInvariant());
        var code = await CodeSentToAsync(email);
        var signedIn = await EnterCodeAsync(client, checkEmail, code);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/my-requests", new Uri(new Uri("http://localhost"), signedIn.Headers.Location!).AbsolutePath);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(FamilyAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie: closing the browser ends it

        var list = await client.GetAsync("/my-requests");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listHtml = await list.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/my-requests/{reference}\"", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(otherReference, listHtml, StringComparison.Ordinal);

        var detail = await client.GetAsync($"/my-requests/{reference}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var detailHtml = WebUtility.HtmlDecode(await detail.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"status\"><strong>Received</strong>", detailHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"hear-by\"", detailHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"hear-by-explanation\"", detailHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"timeline\"", detailHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_see_the_same_page_and_only_the_known_one_is_emailed()
    {
        var client = portal.Browser();
        var known = UniqueEmail();
        await SubmitRequestAsync(client, known);
        var unknown = UniqueEmail();

        var knownPage = await AskForCodeAsync(client, known);
        var unknownPage = await AskForCodeAsync(client, unknown);

        Assert.Equal(Comparable(knownPage, known), Comparable(unknownPage, unknown));
        Assert.Contains("Check your email", knownPage, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.To == known && m.Kind == SignInCodeRules.MailKind));
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.To == unknown));
    }

    [Fact]
    public async Task A_badly_formed_address_shows_the_error_summary()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/sign-in");
        var response = await form.PostAsync(client, [new("Form.Email", "not-an-email")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Check your email", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_gets_the_calm_message_and_no_sign_in()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        var checkEmail = await AskForCodeAsync(client, email);
        var code = await CodeSentToAsync(email);

        var response = await EnterCodeAsync(client, checkEmail, code == "000000" ? "111111" : "000000");

        await AssertRefusedAsync(client, response);
    }

    [Fact]
    public async Task An_expired_code_gets_the_same_message()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        var checkEmail = await AskForCodeAsync(client, email);
        var code = await CodeSentToAsync(email);
        await using (var db = portal.Db())
        {
            var hash = FamilyEmail.Hash(email);
            var row = await db.FamilySignInCodes.SingleAsync(c => c.EmailHash == hash);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }

        var response = await EnterCodeAsync(client, checkEmail, code);

        await AssertRefusedAsync(client, response);
    }

    [Fact]
    public async Task A_used_code_does_not_work_a_second_time()
    {
        var email = UniqueEmail();
        var first = portal.Browser();
        await SubmitRequestAsync(first, email);
        var checkEmail = await AskForCodeAsync(first, email);
        var code = await CodeSentToAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await EnterCodeAsync(first, checkEmail, code)).StatusCode);

        var second = portal.Browser();
        var page = await StaticForm.OpenAsync(second, "/sign-in/code");
        var response = await page.PostAsync(second, [new("Form.Email", email), new("Form.Code", code)]);

        await AssertRefusedAsync(second, response);
    }

    [Fact]
    public async Task Five_wrong_codes_use_up_the_code()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        var checkEmail = await AskForCodeAsync(client, email);
        var code = await CodeSentToAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await AssertRefusedAsync(client, await EnterCodeAsync(client, checkEmail, wrong));
        }

        await AssertRefusedAsync(client, await EnterCodeAsync(client, checkEmail, code));
    }

    [Theory]
    [InlineData("/my-requests")]
    [InlineData("/my-requests/STK-2026-0001")]
    public async Task Family_pages_without_signing_in_go_to_sign_in(string path)
    {
        var response = await portal.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Another_familys_reference_is_not_found()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        var theirs = await SubmitRequestAsync(client, UniqueEmail());
        await SignInAsFamilyAsync(client, email);

        var response = await client.GetAsync($"/my-requests/{theirs}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(theirs, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_sign_in_does_not_open_my_requests()
    {
        var client = portal.Browser();
        var login = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fcasework");
        var signedIn = await login.PostAsync(client, [new("Input.Email", "caseworker.stk@rightsportal.test"), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/casework")).StatusCode); // really signed in as staff

        var response = await client.GetAsync("/my-requests");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_family_sign_in_does_not_open_casework()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        await SignInAsFamilyAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-requests")).StatusCode); // really signed in as a family

        var response = await client.GetAsync("/casework");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_needs_the_form_token_and_then_ends_the_session()
    {
        var client = portal.Browser();
        var email = UniqueEmail();
        await SubmitRequestAsync(client, email);
        await SignInAsFamilyAsync(client, email);
        var list = await client.GetStringAsync("/my-requests");
        var token = new StaticForm("/my-requests", list, "", "").Value("__RequestVerificationToken");
        Assert.False(string.IsNullOrEmpty(token));

        var forged = await StaticForm.PostRawAsync(client, "/sign-out-family", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-requests")).StatusCode);

        var signedOut = await StaticForm.PostRawAsync(client, "/sign-out-family", [new("__RequestVerificationToken", token!)]);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/sign-in?signedOut=true", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my-requests")).StatusCode);
    }

    [Fact]
    public void The_family_cookie_is_http_only_lax_secure_over_https_and_ends_after_20_idle_minutes()
    {
        var options = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(FamilyAuthentication.Scheme);

        Assert.Equal(FamilyAuthentication.CookieName, options.Cookie.Name);
        Assert.True(options.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Lax, options.Cookie.SameSite);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);
        Assert.Equal(TimeSpan.FromMinutes(20), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
    }

    private static string UniqueEmail() => $"family-{Guid.NewGuid():N}@example.org";

    /// <summary>Submits an access request on the public form with this address and returns its reference.</summary>
    private async Task<string> SubmitRequestAsync(HttpClient client, string email)
    {
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var response = await form.PostAsync(client, AccessRequestFields.Valid(submission).With("Form.RequesterEmail", email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.Db();
        var id = Guid.Parse(submission);
        return await db.Requests.Where(r => r.SubmissionId == id).Select(r => r.Reference).SingleAsync();
    }

    /// <summary>Posts the sign-in form and returns the "Check your email" page.</summary>
    private static async Task<string> AskForCodeAsync(HttpClient client, string email)
    {
        var form = await StaticForm.OpenAsync(client, "/sign-in");
        Assert.Equal("sign-in", form.Handler);
        var response = await form.PostAsync(client, [new("Form.Email", email)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"check-your-email\"", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Posts a code with the hidden fields of the "Check your email" page, as the browser would.</summary>
    private static Task<HttpResponseMessage> EnterCodeAsync(HttpClient client, string checkEmailHtml, string code)
    {
        var page = new StaticForm("/sign-in/code", checkEmailHtml, "", "");
        return StaticForm.PostRawAsync(client, "/sign-in/code",
        [
            new("__RequestVerificationToken", page.Value("__RequestVerificationToken")!),
            new("_handler", page.Value("_handler")!),
            new("Form.Email", page.Value("Form.Email")!),
            new("Form.Code", code),
        ]);
    }

    private async Task SignInAsFamilyAsync(HttpClient client, string email)
    {
        var checkEmail = await AskForCodeAsync(client, email);
        var response = await EnterCodeAsync(client, checkEmail, await CodeSentToAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The code in the newest sign-in email to this address, read from the outbox as the dispatcher would send it.</summary>
    private async Task<string> CodeSentToAsync(string email)
    {
        await using var db = portal.Db();
        var messages = await db.Outbox.Where(m => m.To == email && m.Kind == SignInCodeRules.MailKind).ToListAsync();
        var body = messages.OrderByDescending(m => m.CreatedAt).First().Body;
        return SixDigits().Match(body).Value;
    }

    private static async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(WrongOrExpired, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
                     && cookies.Any(c => c.StartsWith(FamilyAuthentication.CookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my-requests")).StatusCode);
    }

    /// <summary>The page with what legitimately differs (the address typed, the form token) taken out.</summary>
    private static string Comparable(string html, string email) =>
        TokenValue().Replace(html.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();

    [GeneratedRegex("CfDJ8[^\"]*")]
    private static partial Regex TokenValue();
}

/// <summary>The sign-in posts share the form-posts rate limit per client.</summary>
public sealed class FamilySignInRateLimitTests(TightlyLimitedPortalFactory portal) : IClassFixture<TightlyLimitedPortalFactory>
{
    [Fact]
    public async Task The_third_sign_in_post_in_a_minute_is_refused()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/sign-in");
        KeyValuePair<string, string>[] fields = [new("Form.Email", "someone@example.org")];

        Assert.Equal(HttpStatusCode.OK, (await form.PostAsync(client, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await form.PostAsync(client, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await form.PostAsync(client, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await StaticForm.PostRawAsync(client, "/sign-in/code", [new("Form.Email", "someone@example.org"), new("Form.Code", "123456")])).StatusCode);
    }
}
