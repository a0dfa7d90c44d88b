using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace RightsPortal.Web.Tests;

public sealed partial class PublicFormHttpTests(PortalWebFactory portal) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task The_start_page_lists_each_organisation_with_the_rights_its_notice_promises()
    {
        var html = await portal.Browser().GetStringAsync("/");
        foreach (var name in new[] { "Stoke-on-Trent City Council", "Hursthead Junior School", "London Borough of Barnet" })
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
        }

        Assert.Contains("See a child&#x27;s educational record (parents)", html, StringComparison.Ordinal);
        Assert.Contains("Have records transferred", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/stk/access-request\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_family_submits_and_the_confirmation_shows_the_reference_and_both_dates()
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var submission = FormPost.SubmissionId(html);

        var posted = await FormPost.PostAsync(client, "/stk/access-request", FormPost.ValidAccessRequest(token, submission));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, posted.Headers.Location!).AbsolutePath);

        var confirmation = await client.GetStringAsync($"/confirmation/{submission}");
        Assert.Matches(ReferencePattern(), confirmation);
        Assert.Contains("You should hear by", confirmation, StringComparison.Ordinal);
        Assert.Matches(LongDatePattern(), confirmation);
        Assert.DoesNotContain("Robin Webchild", confirmation, StringComparison.Ordinal);

        await using var db = portal.Db();
        Assert.True(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(submission) && r.SubjectName == "Robin Webchild"));
    }

    [Fact]
    public async Task Posting_the_same_form_twice_leads_to_the_same_confirmation_and_one_request()
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var submission = FormPost.SubmissionId(html);
        var fields = FormPost.ValidAccessRequest(token, submission);

        var first = await FormPost.PostAsync(client, "/stk/access-request", fields);
        var second = await FormPost.PostAsync(client, "/stk/access-request", fields);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Requests.CountAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "Form.RequesterName", "", "Enter your full name" },
        { "Form.RequesterName", new string('a', 201), "Your full name must be 200 characters or fewer" },
        { "Form.RequesterEmail", "not-an-email", "Enter an email address in the correct format" },
        { "Form.DobYear", "2099", "Date of birth must be today or in the past" },
        { "Form.DobDay", "31|2|2020", "Date of birth must be a real date" },
        { "Form.SubjectName", "<script>alert(1)</script>", "must not contain &lt; or &gt;" },
        { "categories", "made-up", "Select kinds of record from the list" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_shows_the_error_summary_and_stores_nothing(string field, string value, string message)
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var submission = FormPost.SubmissionId(html);
        var fields = FormPost.ValidAccessRequest(token, submission);
        if (field == "Form.DobDay")
        {
            var parts = value.Split('|');
            fields = fields.With("Form.DobDay", parts[0]).With("Form.DobMonth", parts[1]).With("Form.DobYear", parts[2]);
        }
        else if (field == "categories")
        {
            fields = fields.Without("categories").With("categories", value);
        }
        else
        {
            fields = fields.With(field, value);
        }

        var response = await FormPost.PostAsync(client, "/stk/access-request", fields);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_answer()
    {
        var client = portal.Browser();
        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var response = await FormPost.PostAsync(client, "/stk/access-request",
            [new("__RequestVerificationToken", token), new("_handler", "access-request"), new("Form.SubmissionId", FormPost.SubmissionId(html))]);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var message in new[] { "Select who is asking", "Enter your full name", "Enter your email address", "Enter the child or young person&#x27;s full name", "date of birth", "Select at least one kind of record" })
        {
            Assert.Contains(message, body, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"#requester-name\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forged-token-value")]
    [InlineData(null)]
    public async Task A_forged_or_missing_anti_forgery_token_is_refused_and_nothing_is_stored(string? token)
    {
        var client = portal.Browser();
        var (_, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var submission = FormPost.SubmissionId(html);
        var fields = FormPost.ValidAccessRequest("x", submission).Without("__RequestVerificationToken");
        if (token is not null) fields = fields.With("__RequestVerificationToken", token);

        var response = await FormPost.PostAsync(client, "/stk/access-request", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sorry, we could not accept that", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    [Fact]
    public async Task An_unknown_organisation_is_a_calm_not_found_page()
    {
        var client = portal.Browser();
        var get = await client.GetAsync("/zzz/access-request");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("Page not found", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (token, html) = await FormPost.OpenAsync(client, "/stk/access-request");
        var post = await FormPost.PostAsync(client, "/zzz/access-request", FormPost.ValidAccessRequest(token, FormPost.SubmissionId(html)));
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        var body = await post.Content.ReadAsStringAsync();
        Assert.Contains("rp-heading-xl", body, StringComparison.Ordinal); // the calm status page, not a bare error
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(FormPost.SubmissionId(html))));
    }

    [Fact]
    public async Task An_unknown_confirmation_is_not_found()
    {
        var response = await portal.Browser().GetAsync($"/confirmation/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"STK-\d{4}-\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")]
    private static partial Regex LongDatePattern();
}
