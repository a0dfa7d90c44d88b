using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application;
using RightsPortal.Application.Features.Families;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Tests;

/// <summary>A signed-in family writes to the team and withdraws a request on their request's page, over HTTP, without JavaScript.</summary>
public sealed partial class FamilyMessagesHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_signed_in_family_posts_a_message_and_sees_it_in_the_thread()
    {
        var (client, reference) = await SignedInWithRequestAsync();
        var page = await StaticForm.OpenAsync(client, $"/my-requests/{reference}");
        Assert.Equal("send-message", page.Handler);
        Assert.Contains("data-testid=\"no-messages\"", page.Html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"/[a-z]{3}/request/complain\" data-testid=\"complain-link\">complain about how this request was handled</a>", page.Html);
        Assert.Matches($@"Give your reference,\s+{reference}, so they can find it", page.Html);
        Assert.Contains("href=\"https://ico.org.uk/make-a-complaint/\"", page.Html, StringComparison.Ordinal);

        var posted = await page.PostAsync(client, [new("Message.Text", "Please include the annual review from 2025.")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/my-requests/{reference}", new Uri(new Uri("http://localhost"), posted.Headers.Location!).AbsolutePath);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(posted.Headers.Location!.OriginalString));
        Assert.Contains("data-testid=\"message-sent\"", html, StringComparison.Ordinal);
        var thread = Regex.Match(html, "data-testid=\"messages\".*?</ol>", RegexOptions.Singleline).Value;
        Assert.Contains("<strong>You</strong>", thread, StringComparison.Ordinal);
        Assert.Contains("Please include the annual review from 2025.", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_message_shows_the_error_summary_and_sends_nothing()
    {
        var (client, reference) = await SignedInWithRequestAsync();
        var page = await StaticForm.OpenAsync(client, $"/my-requests/{reference}");

        var response = await page.PostAsync(client, [new("Message.Text", "   ")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#message\">Enter your message</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"message-sent\"", html, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.Empty((await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == reference)).Messages);
    }

    [Fact]
    public async Task While_paused_for_clarification_the_page_says_a_reply_restarts_the_clock_and_a_reply_does()
    {
        var (client, reference) = await SignedInWithRequestAsync();
        await using (var db = portal.Db())
        {
            var r = await db.Requests.SingleAsync(x => x.Reference == reference);
            var today = TimeProvider.System.UkToday();
            var ctx = new CaseContext("caseworker", DateTimeOffset.UtcNow, today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);
            r.ProceedWithoutIdentity("Details match", ctx);
            r.PauseForClarification(today, "Which years?", ctx);
            await db.SaveChangesAsync();
        }

        var page = await StaticForm.OpenAsync(client, $"/my-requests/{reference}");
        Assert.Contains("Your reply restarts the clock.", page.Html, StringComparison.Ordinal);

        var posted = await page.PostAsync(client, [new("Message.Text", "Years 5 and 6")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await client.GetStringAsync($"/my-requests/{reference}");
        Assert.DoesNotContain("Your reply restarts the clock.", after, StringComparison.Ordinal);
        await using var check = portal.Db();
        Assert.Equal(RequestStatus.InProgress, (await check.Requests.AsNoTracking().SingleAsync(r => r.Reference == reference)).Status);
    }

    [Fact]
    public async Task A_family_withdraws_a_request_after_confirming()
    {
        var (client, reference) = await SignedInWithRequestAsync();
        var detail = await client.GetStringAsync($"/my-requests/{reference}");
        Assert.Contains($"href=\"/my-requests/{reference}/withdraw\"", detail, StringComparison.Ordinal);
        var confirm = await StaticForm.OpenAsync(client, $"/my-requests/{reference}/withdraw");
        Assert.Equal("withdraw-request", confirm.Handler);
        Assert.Contains("Are you sure", confirm.Html, StringComparison.Ordinal);

        var response = await confirm.PostAsync(client, [new("Form.Reason", "Found them at home")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"withdrawn\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = portal.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == reference);
        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Equal("Withdrawn by the family online: Found them at home", request.WithdrawalReason);
        var after = await client.GetStringAsync($"/my-requests/{reference}");
        Assert.DoesNotContain("data-testid=\"message-form\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"withdraw-link\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_familys_withdraw_page_is_not_found_and_a_post_to_it_changes_nothing()
    {
        var (_, theirs) = await SignedInWithRequestAsync();
        var (client, mine) = await SignedInWithRequestAsync();
        var myConfirm = await StaticForm.OpenAsync(client, $"/my-requests/{mine}/withdraw");

        var page = await client.GetAsync($"/my-requests/{theirs}/withdraw");
        var post = await myConfirm.PostAsync(client, [new("Form.Reason", "Not mine")], $"/my-requests/{theirs}/withdraw");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain(theirs, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.Equal(RequestStatus.Received, (await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == theirs)).Status);
    }

    /// <summary>A new browser that submitted an access request with a fresh address and signed in with the code emailed to it.</summary>
    private async Task<(HttpClient Client, string Reference)> SignedInWithRequestAsync()
    {
        var client = portal.Browser();
        var email = $"family-{Guid.NewGuid():N}@example.org";
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, AccessRequestFields.Valid(submission).With("Form.RequesterEmail", email))).StatusCode);

        var signIn = await StaticForm.OpenAsync(client, "/sign-in");
        var checkEmail = await signIn.PostAsync(client, [new("Form.Email", email)]);
        var codeForm = new StaticForm("/sign-in/code", await checkEmail.Content.ReadAsStringAsync(), "", "");
        string code;
        await using (var db = portal.Db())
        {
            var body = (await db.Outbox.AsNoTracking().Where(m => m.To == email && m.Kind == SignInCodeRules.MailKind).ToListAsync()).Single().Body;
            code = SixDigits().Match(body).Value;
        }

        var signedIn = await StaticForm.PostRawAsync(client, "/sign-in/code",
        [
            new("__RequestVerificationToken", codeForm.Value("__RequestVerificationToken")!),
            new("_handler", codeForm.Value("_handler")!),
            new("Form.Email", codeForm.Value("Form.Email")!),
            new("Form.Code", code),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        await using var read = portal.Db();
        var id = Guid.Parse(submission);
        return (client, await read.Requests.Where(r => r.SubmissionId == id).Select(r => r.Reference).SingleAsync());
    }

    [GeneratedRegex("\\b[0-9]{6}\\b")]
    private static partial Regex SixDigits();
}
