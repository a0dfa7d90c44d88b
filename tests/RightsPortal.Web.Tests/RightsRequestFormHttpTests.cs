using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Tests;

/// <summary>Asking for the other rights over HTTP, as a browser without JavaScript does: plain posts and redirects only.</summary>
public sealed partial class RightsRequestFormHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    private static string RightsOffered(string html)
    {
        var list = Regex.Match(html, "data-testid=\"rights-offered\">(.*?)</fieldset>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(list.Success, "the choice page lists the rights");
        return Decode(list.Groups[1].Value);
    }

    [Fact]
    public async Task The_choice_page_lists_only_the_rights_the_notice_promises_with_a_complaint_and_the_educational_record_only_at_the_school()
    {
        var client = portal.Browser();
        var council = RightsOffered((await StaticForm.OpenAsync(client, "/stk/request")).Html);
        var school = RightsOffered((await StaticForm.OpenAsync(client, "/hhj/request")).Html);

        Assert.Contains("Correct records that are wrong", council, StringComparison.Ordinal);
        Assert.Contains("Have records transferred", council, StringComparison.Ordinal); // Stoke promises portability
        Assert.Contains("Complain about how data was handled", council, StringComparison.Ordinal);
        Assert.DoesNotContain("educational record", council, StringComparison.Ordinal);
        Assert.DoesNotContain("Challenge a decision made by a computer", council, StringComparison.Ordinal);

        Assert.Contains("See a child's educational record (parents)", school, StringComparison.Ordinal);
        Assert.Contains("Challenge a decision made by a computer", school, StringComparison.Ordinal);
        Assert.DoesNotContain("Have records transferred", school, StringComparison.Ordinal);
        Assert.Contains("value=\"educational-record\"", school, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_right_leads_to_its_form_and_choosing_nothing_says_so()
    {
        var client = portal.Browser();
        var choice = await StaticForm.OpenAsync(client, "/stk/request");

        var chosen = await choice.PostAsync(client, [new("Choice.Right", "correct")]);
        Assert.Contains(chosen.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal("/stk/request/correct", new Uri(client.BaseAddress!, chosen.Headers.Location!).AbsolutePath);

        var see = await choice.PostAsync(client, [new("Choice.Right", "see")]);
        Assert.Equal("/stk/access-request", new Uri(client.BaseAddress!, see.Headers.Location!).AbsolutePath);

        var nothing = await choice.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        var body = Decode(await nothing.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"error-summary\"", body, StringComparison.Ordinal);
        Assert.Contains("Select what you want to ask for", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stk/request/educational-record")] // a council has no educational-record route
    [InlineData("/hhj/request/transfer")] // the school's notice does not promise portability
    [InlineData("/stk/request/no-such-right")]
    [InlineData("/nowhere/request/correct")]
    public async Task A_right_not_offered_there_is_not_found(string path)
    {
        var response = await portal.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_young_person_asks_for_rectification_sees_errors_checks_changes_and_sends()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/request/correct");
        Assert.Contains("What is wrong?", form.Html, StringComparison.Ordinal);
        Assert.Contains("What should it say?", form.Html, StringComparison.Ordinal);
        Assert.Contains("I have parental responsibility for this child, or I care for them", form.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"guidance-child\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("signed authority", form.Html, StringComparison.Ordinal);
        var submission = form.Value("Form.SubmissionId")!;
        var before = await portal.RequestCountAsync();

        // 1. Left out what the record should say: the error summary asks for it and the rest is kept.
        List<KeyValuePair<string, string>> fields =
        [
            new("Form.SubmissionId", submission),
            new("Form.RequesterRole", "YoungPerson"),
            new("Form.RequesterName", "Jordan Webyoung"),
            new("Form.RequesterEmail", "jordan.webyoung@example.org"),
            new("Form.SubjectName", "Jordan Webyoung"),
            new("Form.DobDay", "14"),
            new("Form.DobMonth", "9"),
            new("Form.DobYear", "2009"),
            new("Form.SubjectSetting", ""),
            new("categories", "contact-details"),
            new("Form.Answer1", "My surname is spelt Jordan Webyong"),
            new("Form.Answer2", ""),
            new("Form.Action", "check"),
        ];
        var errors = await form.PostAsync(client, fields);
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var errorPage = Decode(await errors.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"error-summary\"", errorPage, StringComparison.Ordinal);
        Assert.Contains("Answer \"What should it say?\"", errorPage, StringComparison.Ordinal);
        Assert.Contains("href=\"#answer-2\"", errorPage, StringComparison.Ordinal);
        Assert.Contains("My surname is spelt Jordan Webyong</textarea>", errorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm that you have parental responsibility", errorPage, StringComparison.Ordinal); // not a parent
        Assert.Equal(before, await portal.RequestCountAsync());

        // 2. Complete: the check-answers page shows every answer, carried in hidden fields.
        var check = await form.PostAsync(client, fields.With("Form.Answer2", "Jordan Webyoung"));
        var checkHtml = await check.Content.ReadAsStringAsync();
        var checkPage = Decode(checkHtml);
        Assert.Contains("Check your answers before sending your request", checkPage, StringComparison.Ordinal);
        Assert.Contains("Young person asking for themself", checkPage, StringComparison.Ordinal);
        Assert.Contains("What should it say?", checkPage, StringComparison.Ordinal);
        Assert.Contains("Monday 14 September 2009", checkPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"guidance-representative\"", checkPage, StringComparison.Ordinal);
        Assert.Equal(before, await portal.RequestCountAsync());

        // 3. Change: back to the questions with everything kept.
        var change = await PostHiddenFieldsAsync(client, "/stk/request/correct", checkHtml, "change");
        var changePage = Decode(await change.Content.ReadAsStringAsync());
        Assert.Contains("What is wrong?</label>", changePage, StringComparison.Ordinal);
        Assert.Contains("My surname is spelt Jordan Webyong</textarea>", changePage, StringComparison.Ordinal);
        Assert.Contains("Jordan Webyoung</textarea>", changePage, StringComparison.Ordinal);
        Assert.Matches("id=\"role-YoungPerson\"[^>]*checked", changePage);
        Assert.Matches("id=\"category-contact-details\"[^>]*checked", changePage);
        Assert.DoesNotContain("data-testid=\"error-summary\"", changePage, StringComparison.Ordinal);

        // 4. Change the answer, check again, send: the confirmation with reference and date.
        var changed = fields.With("Form.Answer2", "Jordan Webyoung, with a u").With("Form.Action", "check");
        var recheck = await (await form.PostAsync(client, changed)).Content.ReadAsStringAsync();
        Assert.Contains("Jordan Webyoung, with a u", Decode(recheck), StringComparison.Ordinal);
        var sent = await PostHiddenFieldsAsync(client, "/stk/request/correct", recheck, "send");
        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, sent.Headers.Location!).AbsolutePath);

        var confirmation = Decode(await client.GetStringAsync($"/confirmation/{submission}"));
        Assert.Contains("Request sent", confirmation, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"reference\">STK-\\d{4}-\\d{6}<", confirmation);
        Assert.Contains("You should hear by", confirmation, StringComparison.Ordinal);
        Assert.Contains("What happens next", confirmation, StringComparison.Ordinal);

        await using var db = portal.Db();
        var stored = await db.Requests.SingleAsync(r => r.SubmissionId == Guid.Parse(submission));
        Assert.Equal(Right.Rectification, stored.Right);
        Assert.Equal(RequesterRole.YoungPerson, stored.RequesterRole);
        Assert.Equal(
            [("What is wrong?", "My surname is spelt Jordan Webyong"), ("What should it say?", "Jordan Webyoung, with a u")],
            stored.Answers.OrderBy(a => a.Sequence).Select(a => (a.Question, a.Answer)));
        Assert.Empty(stored.Authorities);

        // Sending the check page again (a double click) stores nothing more.
        var again = await PostHiddenFieldsAsync(client, "/stk/request/correct", recheck, "send");
        Assert.Equal(sent.Headers.Location, again.Headers.Location);
        Assert.Equal(before + 1, await portal.RequestCountAsync());
    }

    [Fact]
    public async Task A_parent_who_does_not_tick_the_declaration_is_asked_to()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/hhj/request/educational-record");
        var response = await form.PostAsync(client, AccessRequestFields.Valid(form.Value("Form.SubmissionId")!)
            .With("categories", "personal").With("Form.Answer1", "A copy of the record").With("Form.Action", "check").With("Form.ParentalResponsibility"));
        var body = Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Confirm that you have parental responsibility for this child, or care for them", body, StringComparison.Ordinal);
        Assert.Contains("href=\"#parental-responsibility\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parent_complains_with_the_declaration_ticked_and_the_confirmation_promises_an_acknowledgement_within_30_days()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/bar/request/complain");
        var submission = form.Value("Form.SubmissionId")!;
        var category = Regex.Match(form.Html, "name=\"categories\" type=\"checkbox\" value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        var fields = AccessRequestFields.Valid(submission).With("categories", category).With("Form.ParentalResponsibility", "true")
            .With("Form.Answer1", "My letter was sent to the wrong address").With("Form.Answer2", "An apology and the letter back");

        var check = await form.PostAsync(client, fields.With("Form.Action", "check"));
        var checkHtml = await check.Content.ReadAsStringAsync();
        Assert.Contains("I have parental responsibility for this child, or I care for them</dd>", Decode(checkHtml), StringComparison.Ordinal);
        var sent = await PostHiddenFieldsAsync(client, "/bar/request/complain", checkHtml, "send");
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, sent.Headers.Location!).AbsolutePath);

        var confirmation = Decode(await client.GetStringAsync($"/confirmation/{submission}"));
        Assert.Contains("must tell you within 30 days that it has received your complaint", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("one calendar month", confirmation, StringComparison.Ordinal);
        await using var db = portal.Db();
        var stored = await db.Requests.SingleAsync(r => r.SubmissionId == Guid.Parse(submission));
        Assert.Equal(Right.Complaint, stored.Right);
        Assert.Equal(AuthorityKind.ParentalResponsibilityDeclared, Assert.Single(stored.Authorities).Kind);
    }

    /// <summary>Posts back every hidden field of the page, as pressing its button does, with that button's action.</summary>
    private static Task<HttpResponseMessage> PostHiddenFieldsAsync(HttpClient client, string path, string html, string action)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = Regex.Match(input.Value, "\\sname=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
            var value = Regex.Match(input.Value, "\\svalue=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
            fields.Add(new(name, WebUtility.HtmlDecode(value)));
        }

        Assert.Contains(fields, f => f.Key == "__RequestVerificationToken");
        fields.Add(new("Form.Action", action));
        return StaticForm.PostRawAsync(client, path, fields);
    }

    [GeneratedRegex("<input\\b[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
