using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Files;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The access request asked the way every right is (issue 5): a parent's declaration, check your answers with Change,
/// then send; someone acting for the family may add the family's signed authority on the check page (multipart, no
/// JavaScript); and the confirmation says what happens next for the right asked for.
/// </summary>
public sealed partial class AccessJourneyHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Marker = "MARKER-signed-authority-Webfamily";

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. Encoding.ASCII.GetBytes(Marker), .. "\n%%EOF"u8];

    /// <summary>An HTML page saved with a .pdf name: what the browser says and the name are never trusted.</summary>
    private static readonly byte[] DisguisedHtml = "<html><body><script>alert('not a pdf')</script></body></html>"u8.ToArray();

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task The_access_form_checks_answers_change_keeps_them_and_send_stores_the_details_and_the_declaration()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        Assert.Contains("Ask to see the records held about a child or young person", form.Html, StringComparison.Ordinal);
        Assert.Contains("I have parental responsibility for this child, or I care for them", form.Html, StringComparison.Ordinal);
        Assert.Contains("Anything that would help us find the records (optional)", form.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"continue\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"send-request\"", form.Html, StringComparison.Ordinal); // nothing is sent without checking first
        var submission = form.Value("Form.SubmissionId")!;
        var before = await portal.RequestCountAsync();

        // Continue: the answers to check, with a Change button for each; nothing is stored yet.
        var check = await form.PostAsync(client, AccessRequestFields.Valid(submission).With("Form.Action", "check"));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var checkHtml = await check.Content.ReadAsStringAsync();
        var checkPage = Decode(checkHtml);
        Assert.Contains("Check your answers before sending your request", checkPage, StringComparison.Ordinal);
        Assert.Contains("See the records held (subject access)", checkPage, StringComparison.Ordinal);
        Assert.Contains("I have parental responsibility for this child, or I care for them</dd>", checkPage, StringComparison.Ordinal);
        Assert.Contains("Reports from 2024</dd>", checkPage, StringComparison.Ordinal);
        Assert.Contains("Thursday 27 March 2014", checkPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"change-requester-name\"", checkPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"send-request\"", checkPage, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"file\"", checkPage, StringComparison.Ordinal); // only someone acting for the family is offered an upload
        Assert.DoesNotContain("multipart/form-data", checkPage, StringComparison.Ordinal);
        Assert.Equal(before, await portal.RequestCountAsync());

        // Change: back to the questions with every answer kept, the declaration still ticked.
        var change = Decode(await (await PostPageAsync(client, "/stk/access-request", checkHtml, "change")).Content.ReadAsStringAsync());
        Assert.Contains("Reports from 2024</textarea>", change, StringComparison.Ordinal);
        Assert.Matches("id=\"role-ParentCarer\"[^>]*checked", change);
        Assert.Matches("id=\"parental-responsibility\"[^>]*checked", change);
        Assert.Matches("id=\"category-health\"[^>]*checked", change);
        Assert.Contains("value=\"Pat Webparent\"", change, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"error-summary\"", change, StringComparison.Ordinal);
        Assert.Equal(before, await portal.RequestCountAsync());

        // Send from the check page: the confirmation, and the request with its details and the parent's declaration.
        var sent = await PostPageAsync(client, "/stk/access-request", checkHtml, "send");
        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, sent.Headers.Location!).AbsolutePath);
        await using var db = portal.Db();
        var stored = await db.Requests.SingleAsync(r => r.SubmissionId == Guid.Parse(submission));
        Assert.Equal(Right.Access, stored.Right);
        Assert.Equal("Reports from 2024", stored.Details);
        Assert.Empty(stored.Answers); // access keeps its one question as the request's details, as a logged request does
        Assert.Equal(AuthorityKind.ParentalResponsibilityDeclared, Assert.Single(stored.Authorities).Kind);
        Assert.Equal(["contact-details", "health"], stored.DataCategories.Order());
    }

    [Fact]
    public async Task A_parent_who_does_not_tick_the_declaration_on_the_access_form_is_asked_to_and_nothing_is_stored()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var undeclared = AccessRequestFields.Valid(submission).With("Form.ParentalResponsibility");

        foreach (var action in new[] { "check", "send" })
        {
            var response = await form.PostAsync(client, undeclared.With("Form.Action", action));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = Decode(await response.Content.ReadAsStringAsync());
            Assert.Contains("data-testid=\"error-summary\"", body, StringComparison.Ordinal);
            Assert.Contains("Confirm that you have parental responsibility for this child, or care for them", body, StringComparison.Ordinal);
            Assert.Contains("href=\"#parental-responsibility\"", body, StringComparison.Ordinal);
            Assert.Contains("Reports from 2024</textarea>", body, StringComparison.Ordinal); // still on the questions, answers kept
        }

        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == Guid.Parse(submission)));
    }

    [Fact]
    public async Task A_young_person_asking_to_see_their_own_records_needs_no_declaration()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;

        var sent = await form.PostAsync(client, AccessRequestFields.Valid(submission).With("Form.ParentalResponsibility").With("Form.RequesterRole", "YoungPerson"));

        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        await using var db = portal.Db();
        Assert.Empty((await db.Requests.SingleAsync(r => r.SubmissionId == Guid.Parse(submission))).Authorities);
    }

    [Fact]
    public async Task A_representative_is_offered_the_upload_on_the_check_page_with_the_limit_and_that_it_can_wait()
    {
        var client = portal.Browser();
        var (_, checkHtml) = await RepresentativeCheckPageAsync(client);
        var page = Decode(checkHtml);

        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", page, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"signed-authority\"[^>]*type=\"file\"", page);
        Assert.Contains("<label class=\"rp-label rp-label--bold\" for=\"signed-authority\">", page, StringComparison.Ordinal);
        var limit = Regex.Match(page, "data-testid=\"authority-limit\">(.*?)</div>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.Contains("PDF, JPG or PNG, smaller than 10 MB", limit, StringComparison.Ordinal);
        Assert.Contains("add it later by signing in", limit, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"guidance-representative\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_representative_may_send_without_the_authority_and_add_it_later()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);

        // A browser with no file chosen sends the field empty, without a file name.
        var sent = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("", []));

        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        await using var db = portal.Db();
        var stored = await db.Requests.SingleAsync(r => r.SubmissionId == submission);
        Assert.Equal(RequesterRole.Representative, stored.RequesterRole);
        Assert.False(await db.Files.AnyAsync(f => f.RequestId == stored.Id));
    }

    [Fact]
    public async Task A_representative_sends_a_signed_authority_PDF_stored_encrypted_as_authority_on_the_request_and_its_timeline()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);

        var sent = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("signed authority.pdf", Pdf));

        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal($"/confirmation/{submission}", new Uri(client.BaseAddress!, sent.Headers.Location!).AbsolutePath);
        await using var db = portal.Db();
        var request = await db.Requests.SingleAsync(r => r.SubmissionId == submission);
        var file = await db.Files.SingleAsync(f => f.RequestId == request.Id);
        Assert.Equal(UploadKind.Authority, file.Kind);
        Assert.Equal("signed authority.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(Pdf.Length, file.Size);
        Assert.Equal("family", file.UploadedBy);
        var added = Assert.Single(request.Events, e => e.Kind == "File added");
        Assert.Equal("The family added evidence of authority to act: signed authority.pdf.", added.Detail);
        Assert.Equal("family", added.ActorId);

        // Encrypted at rest, and read back unchanged.
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(portal.DataDirectory, "files", file.StoredName));
        Assert.DoesNotContain(Marker, Encoding.ASCII.GetString(onDisk), StringComparison.Ordinal);
        Assert.Equal(Pdf, await portal.Services.GetRequiredService<IFileStore>().ReadAsync(file.StoredName, CancellationToken.None));
    }

    [Fact]
    public async Task A_disguised_file_is_refused_saying_why_and_what_to_do_with_every_answer_kept_and_nothing_stored()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);
        var filesBefore = StoredFileCount();

        var refused = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("signed-authority.pdf", DisguisedHtml));

        await AssertRefusedOnTheCheckPageAsync(refused, submission, UploadRules.WrongType, filesBefore);
    }

    [Fact]
    public async Task A_file_one_byte_over_10_MB_is_refused_on_the_page_with_every_answer_kept_and_nothing_stored()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);
        var filesBefore = StoredFileCount();
        var tooBig = new byte[UploadRules.MaxBytes + 1];
        Pdf.CopyTo(tooBig, 0);

        var refused = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("scan.pdf", tooBig));

        await AssertRefusedOnTheCheckPageAsync(refused, submission, UploadRules.TooBig, filesBefore);
    }

    [Fact]
    public async Task An_empty_file_is_refused_on_the_page()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);
        var filesBefore = StoredFileCount();

        var refused = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("empty.pdf", []));

        await AssertRefusedOnTheCheckPageAsync(refused, submission, UploadRules.Empty, filesBefore);
    }

    [Fact]
    public async Task A_file_of_exactly_10_MB_is_accepted_and_a_post_beyond_the_pages_limit_gets_the_calm_too_big_page()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);
        var tenMegabytes = new byte[UploadRules.MaxBytes];
        Pdf.CopyTo(tenMegabytes, 0);

        var sent = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("ten.pdf", tenMegabytes));

        Assert.Contains(sent.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        await using (var db = portal.Db())
        {
            var request = await db.Requests.SingleAsync(r => r.SubmissionId == submission);
            Assert.Equal(UploadRules.MaxBytes, (await db.Files.SingleAsync(f => f.RequestId == request.Id)).Size);
        }

        var other = portal.Browser();
        var (otherSubmission, otherCheck) = await RepresentativeCheckPageAsync(other);
        var huge = new byte[AcceptsFormUploadAttribute.MaxBodyBytes + 1];
        Pdf.CopyTo(huge, 0);

        var refused = await PostPageAsync(other, "/stk/access-request", otherCheck, "send", file: ("huge.pdf", huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var html = Decode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The file is too big", html, StringComparison.Ordinal);
        Assert.Contains(UploadRules.TooBig, html, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        await using var after = portal.Db();
        Assert.False(await after.Requests.AnyAsync(r => r.SubmissionId == otherSubmission));
    }

    [Fact]
    public async Task Sending_the_check_page_again_with_its_file_stores_one_request_and_one_file()
    {
        var client = portal.Browser();
        var (submission, checkHtml) = await RepresentativeCheckPageAsync(client);
        var before = await portal.RequestCountAsync();

        var first = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("authority.pdf", Pdf));
        var filesAfterFirst = StoredFileCount();
        var second = await PostPageAsync(client, "/stk/access-request", checkHtml, "send", file: ("authority.pdf", Pdf));

        Assert.Contains(first.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await portal.RequestCountAsync());
        Assert.Equal(filesAfterFirst, StoredFileCount());
        await using var db = portal.Db();
        var request = await db.Requests.SingleAsync(r => r.SubmissionId == submission);
        Assert.Equal(1, await db.Files.CountAsync(f => f.RequestId == request.Id));
        Assert.Single(request.Events, e => e.Kind == "File added");
    }

    [Fact]
    public async Task The_confirmation_says_what_happens_next_for_the_right_asked_for_and_how_to_follow_it()
    {
        var client = portal.Browser();
        var access = await ConfirmationAsync(client, "/stk/access-request", f => f);
        var educational = await ConfirmationAsync(client, "/hhj/request/educational-record", f => f.With("Form.Answer1", "A copy of the record"));
        var complaint = await ConfirmationAsync(client, "/bar/request/complain",
            f => f.With("Form.Answer1", "My letter went to the wrong address").With("Form.Answer2", "An apology"));
        var correction = await ConfirmationAsync(client, "/stk/request/correct",
            f => f.With("Form.Answer1", "My surname is spelt wrong").With("Form.Answer2", "Webparent"));

        // Access and the other one-month rights: ID restarts the month, extension; only access can be paused.
        foreach (var month in new[] { access, correction })
        {
            Assert.Contains("one calendar month", month, StringComparison.Ordinal);
            Assert.Contains("The month starts again from the day they receive that.", month, StringComparison.Ordinal);
            Assert.Contains("they can take up to two more months", month, StringComparison.Ordinal);
        }

        Assert.Contains("They can pause the time limit while they wait for your answer.", access, StringComparison.Ordinal);
        Assert.DoesNotContain("pause the time limit", correction, StringComparison.Ordinal);

        // A parent's educational record: 15 school days of the school's calendar, copies at cost, no extension, not the ICO.
        Assert.Contains("15 school days", educational, StringComparison.Ordinal);
        Assert.Contains("the school's own calendar", educational, StringComparison.Ordinal);
        Assert.Contains("no more than it costs to make the copy", educational, StringComparison.Ordinal);
        Assert.Contains("The time limit cannot be extended.", educational, StringComparison.Ordinal);
        Assert.DoesNotContain("The month starts again", educational, StringComparison.Ordinal);
        Assert.DoesNotContain("two more months", educational, StringComparison.Ordinal);
        Assert.Contains("the school's complaints procedure", educational, StringComparison.Ordinal);
        Assert.DoesNotContain("ico.org.uk", MainContent(educational), StringComparison.Ordinal); // not regulated by the ICO
        Assert.Contains("ico.org.uk/make-a-complaint", MainContent(access), StringComparison.Ordinal);

        // A complaint: acknowledged within 30 days, then the outcome, then the ICO; no ID or extension bullets.
        var steps = NextSteps(complaint);
        Assert.Contains("tell you they have your complaint", steps, StringComparison.Ordinal);
        Assert.Contains("tell you the outcome", steps, StringComparison.Ordinal);
        Assert.Contains("Information Commissioner's Office (ICO)", steps, StringComparison.Ordinal);
        Assert.True(steps.IndexOf("have your complaint", StringComparison.Ordinal) < steps.IndexOf("outcome", StringComparison.Ordinal)
                    && steps.IndexOf("outcome", StringComparison.Ordinal) < steps.IndexOf("ICO", StringComparison.Ordinal), "acknowledgement, outcome, then the ICO");
        Assert.Contains("within 30 days", complaint, StringComparison.Ordinal);
        Assert.DoesNotContain("The month starts again", complaint, StringComparison.Ordinal);
        Assert.DoesNotContain("two more months", complaint, StringComparison.Ordinal);
        Assert.DoesNotContain("pause the time limit", complaint, StringComparison.Ordinal);

        // Every confirmation tells the family how to come back.
        foreach (var page in new[] { access, educational, complaint, correction })
        {
            var follow = Regex.Match(page, "<h2[^>]*>Follow your request</h2>\\s*<div data-testid=\"follow-your-request\">(.*?)</div>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            Assert.True(follow.Success, "a Follow your request section");
            Assert.Contains("href=\"/sign-in\"", follow.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains("with the email address you gave", follow.Groups[1].Value, StringComparison.Ordinal);
        }
    }

    /// <summary>Opens the form, answers it as a parent with the declaration ticked, sends it and returns the confirmation page.</summary>
    private static async Task<string> ConfirmationAsync(HttpClient client, string path, Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> answer)
    {
        var form = await StaticForm.OpenAsync(client, path);
        var submission = form.Value("Form.SubmissionId")!;
        var category = Regex.Match(form.Html, "name=\"categories\" type=\"checkbox\" value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        var sent = await form.PostAsync(client, answer(AccessRequestFields.Valid(submission).With("categories", category)));
        Assert.True(sent.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{path}: {(int)sent.StatusCode} {Decode(await sent.Content.ReadAsStringAsync())}");
        return Decode(await client.GetStringAsync($"/confirmation/{submission}"));
    }

    private static string MainContent(string page) =>
        Regex.Match(page, "<main\\b.*?</main>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Value;

    private static string NextSteps(string page) =>
        Regex.Match(page, "data-testid=\"next-steps\">(.*?)</ul>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Groups[1].Value;

    /// <summary>A representative's access request answered and checked: its submission id and the check page.</summary>
    private static async Task<(Guid Submission, string CheckHtml)> RepresentativeCheckPageAsync(HttpClient client)
    {
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        var fields = AccessRequestFields.Valid(submission)
            .With("Form.RequesterRole", "Representative")
            .With("Form.ParentalResponsibility")
            .With("Form.RequesterName", "Alex Advocate")
            .With("Form.Action", "check");
        var check = await form.PostAsync(client, fields);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var html = await check.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"check-answers\"", html, StringComparison.Ordinal);
        return (Guid.Parse(submission), html);
    }

    private async Task AssertRefusedOnTheCheckPageAsync(HttpResponseMessage refused, Guid submission, string message, int filesBefore)
    {
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var page = Decode(html);
        Assert.Contains("data-testid=\"error-summary\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"#signed-authority\">{message}</a>", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"authority-what-to-do\"", page, StringComparison.Ordinal);
        Assert.Contains("send your request without it", page, StringComparison.Ordinal);
        Assert.Contains("Check your answers before sending your request", page, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"signed-authority\"[^>]*type=\"file\"", page);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);

        // Every answer is still there to send, carried by the page.
        var kept = new StaticForm("", html, "", "");
        Assert.Equal(submission.ToString(), kept.Value("Form.SubmissionId"));
        Assert.Equal("Representative", kept.Value("Form.RequesterRole"));
        Assert.Equal("Alex Advocate", kept.Value("Form.RequesterName"));
        Assert.Equal("pat.webparent@example.org", kept.Value("Form.RequesterEmail"));
        Assert.Equal(AccessRequestFields.ChildName, kept.Value("Form.SubjectName"));
        Assert.Equal("2014", kept.Value("Form.DobYear"));
        Assert.Equal("Reports from 2024", kept.Value("Form.Answer1"));
        Assert.Contains("value=\"health\"", html, StringComparison.Ordinal);

        // Nothing sent: no request, no file row, no file on disk.
        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.SubmissionId == submission));
        Assert.Equal(filesBefore, StoredFileCount());
        Assert.Equal(filesBefore, await db.Files.CountAsync());
    }

    private int StoredFileCount()
    {
        var folder = Path.Combine(portal.DataDirectory, "files");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    /// <summary>
    /// Presses a button on the page as a browser does: every hidden field (with the page's anti-forgery token), the
    /// button's action and, if given, the file field, as multipart/form-data when the page's form says so.
    /// </summary>
    private static Task<HttpResponseMessage> PostPageAsync(HttpClient client, string path, string html, string action, (string Name, byte[] Bytes)? file = null)
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
        if (!html.Contains("enctype=\"multipart/form-data\"", StringComparison.Ordinal))
        {
            Assert.Null(file);
            return StaticForm.PostRawAsync(client, path, fields);
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        if (file is { } chosen)
        {
            if (chosen.Name.Length == 0)
            {
                // No file chosen: the browser still sends the field, with an empty name and no content.
                var none = new ByteArrayContent([]);
                none.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"SignedAuthority\"", FileName = "\"\"" };
                none.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(none);
            }
            else
            {
                var part = new ByteArrayContent(chosen.Bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what the browser claims; never trusted
                content.Add(part, "SignedAuthority", chosen.Name);
            }
        }

        return client.PostAsync(path, content);
    }

    [GeneratedRegex("<input\\b[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
