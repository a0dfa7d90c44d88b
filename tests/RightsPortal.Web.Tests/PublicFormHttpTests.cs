using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace RightsPortal.Web.Tests;

/// <summary>The families' pages over HTTP, as a browser without JavaScript uses them.</summary>
public sealed partial class PublicFormHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] OrganisationNames = ["Stoke-on-Trent City Council", "Hursthead Junior School", "London Borough of Barnet"];

    [Fact]
    public async Task The_start_page_lists_the_three_organisations_each_with_the_rights_its_notice_promises()
    {
        var response = await portal.Browser().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        foreach (var name in OrganisationNames)
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
        }

        foreach (var code in new[] { "STK", "HHJ", "BAR" })
        {
            var rights = Regex.Match(html, $"data-testid=\"rights-{code}\">(.*?)</ul>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            Assert.True(rights.Success, $"{code} lists its rights");
            Assert.Contains("See the records held (subject access)", rights.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains("Correct records that are wrong", rights.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains($"href=\"/{code.ToLowerInvariant()}/access-request\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("See a child's educational record (parents)", html, StringComparison.Ordinal); // the school's extra right
        Assert.Contains("Have records transferred", html, StringComparison.Ordinal); // Stoke's
    }

    [Fact]
    public async Task Posting_the_same_form_twice_leads_both_times_to_the_same_confirmation_and_stores_one_request()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var fields = AccessRequestFields.Valid(submission);
        var before = await portal.RequestCountAsync();

        var first = await form.PostAsync(client, fields);
        var second = await form.PostAsync(client, fields);

        Assert.Contains(first.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Contains(second.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, first.Headers.Location!).AbsolutePath);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await portal.RequestCountAsync());
        await using var db = portal.Db();
        Assert.Equal(1, await db.Requests.CountAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "every field empty", [], "Enter your full name" },
        { "a name of 201 characters", ["Form.RequesterName", new string('a', 201)], "Your full name must be 200 characters or fewer" },
        { "an email without an @", ["Form.RequesterEmail", "not-an-email"], "Enter an email address in the correct format" },
        { "a date of birth in the future", ["Form.DobYear", "2099"], "Date of birth must be today or in the past" },
        { "31 February", ["Form.DobDay", "31", "Form.DobMonth", "2", "Form.DobYear", "2020"], "Date of birth must be a real date" },
        { "markup in a name", ["Form.RequesterName", "<script>alert(1)</script>"], "Your full name must not contain < or >" },
        { "a kind of record the organisation does not keep", ["categories", "made-up"], "Select kinds of record from the list" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_shows_the_error_summary_with_the_specific_message_and_stores_nothing(string what, string[] changes, string message)
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var fields = changes.Length == 0 ? AccessRequestFields.Empty(submission) : AccessRequestFields.Valid(submission);
        for (var i = 0; i < changes.Length; i += 2)
        {
            fields = fields.With(changes[i], changes[i + 1]);
        }

        var before = await portal.RequestCountAsync();

        var response = await form.PostAsync(client, fields);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
        Assert.Contains("data-testid=\"error-summary\"", body, StringComparison.Ordinal);
        Assert.Contains("There is a problem", body, StringComparison.Ordinal);
        Assert.Contains(message, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        Assert.Equal(before, await portal.RequestCountAsync());
        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_answer_each_linked_to_its_question()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");

        var response = await form.PostAsync(client, AccessRequestFields.Empty(form.Value("Form.SubmissionId")!));
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        foreach (var message in new[]
                 {
                     "Select who is asking", "Enter your full name", "Enter your email address", "Enter the child or young person's full name",
                     "Enter the child or young person's date of birth", "Select at least one kind of record",
                 })
        {
            Assert.Contains(message, body, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"#requester-name\"", body, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", Regex.Match(body, "<title>(.*?)</title>", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_typed_into_a_name_is_shown_back_encoded_never_as_markup()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var fields = AccessRequestFields.Valid(form.Value("Form.SubmissionId")!).With("Form.SubjectName", "<script>alert(1)</script>");

        var body = await (await form.PostAsync(client, fields)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forged-token-value")]
    [InlineData(null)]
    public async Task A_forged_or_missing_anti_forgery_token_is_refused_with_400_and_nothing_is_stored(string? token)
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        List<KeyValuePair<string, string>> fields = [new("_handler", form.Handler), .. AccessRequestFields.Valid(submission)];
        if (token is not null) fields.Add(new("__RequestVerificationToken", token));
        var before = await portal.RequestCountAsync();

        var response = await StaticForm.PostRawAsync(client, form.Path, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, we could not accept that", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal(before, await portal.RequestCountAsync());
    }

    [Fact]
    public async Task A_token_from_another_browser_is_refused()
    {
        var someoneElse = await StaticForm.OpenAsync(portal.Browser(), "/stk/access-request");
        var client = portal.Browser();
        var mine = await StaticForm.OpenAsync(client, "/stk/access-request");
        var before = await portal.RequestCountAsync();

        var response = await someoneElse.PostAsync(client, AccessRequestFields.Valid(mine.Value("Form.SubmissionId")!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await portal.RequestCountAsync());
    }

    [Fact]
    public async Task An_unknown_organisation_is_a_calm_not_found_page_for_both_get_and_post()
    {
        var client = portal.Browser();
        var before = await portal.RequestCountAsync();

        var get = await client.GetAsync("/zzz/access-request");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var getBody = await get.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", getBody, StringComparison.Ordinal);

        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var post = await form.PostAsync(client, AccessRequestFields.Valid(form.Value("Form.SubmissionId")!), path: "/zzz/access-request");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var postBody = await post.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", postBody, StringComparison.Ordinal);
        foreach (var body in new[] { getBody, postBody })
        {
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        Assert.Equal(before, await portal.RequestCountAsync());
    }

    [Fact]
    public async Task An_unknown_confirmation_is_not_found()
    {
        var response = await portal.Browser().GetAsync($"/confirmation/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The first request on a fresh portal: its own app, so "exactly one request" means the whole database.</summary>
public sealed partial class FirstSubmissionHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_valid_request_redirects_to_its_confirmation_with_the_reference_and_the_date_to_hear_by()
    {
        var client = portal.Browser();

        var (submission, posted) = await AccessRequestFields.SubmitAsync(client, "stk");

        Assert.Contains(posted.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        var location = new Uri(client.BaseAddress!, posted.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, location.Authority);
        Assert.Equal($"/confirmation/{submission}", location.AbsolutePath);

        var confirmation = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        var html = await confirmation.Content.ReadAsStringAsync();
        var reference = Regex.Match(html, "data-testid=\"reference\">([^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.Matches(ReferencePattern(), reference);
        Assert.Contains("You should hear by", html, StringComparison.Ordinal);
        var dueOn = Regex.Match(html, "data-testid=\"due-on\"><strong>([^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.Matches(LongUkDate(), dueOn);
        Assert.DoesNotContain(AccessRequestFields.ChildName, html, StringComparison.Ordinal); // the reference, not the child, is on screen

        await using var db = portal.Db();
        var stored = Assert.Single(await db.Requests.ToListAsync());
        Assert.Equal(submission, stored.SubmissionId);
        Assert.Equal(reference, stored.Reference);
        Assert.Equal(AccessRequestFields.ChildName, stored.SubjectName);
    }

    [GeneratedRegex(@"^STK-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")]
    private static partial Regex LongUkDate();
}
