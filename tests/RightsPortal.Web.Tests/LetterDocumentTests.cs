using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Api;

namespace RightsPortal.Web.Tests;

/// <summary>The letters as Word documents and printable pages: one model, the same text in both, behind the same sign-in.</summary>
public sealed class LetterDocumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string ExtensionReason = "Records are held by four services and run to 900 pages.";

    private static ResponseLetter Sample(bool largePrint = false, bool easyRead = false) => new(
        "Stoke-on-Trent City Council",
        "SENMAS",
        "STK-2026-000001",
        new DateOnly(2026, 3, 9),
        "Dear Pat Testparent",
        "Your request STK-2026-000001",
        largePrint,
        [
            new("A copy of the records", ["A copy is enclosed. It contains:"], ["EHC plan, final, March 2025", "Letter from the paediatrician (with some parts removed)"]),
            new("Why we have not done everything you asked", ["Reasons.", RefusalNotice.RightsText], []),
        ],
        "Information governance, Stoke-on-Trent City Council",
        easyRead,
        "Pat Testparent, care of their advocate");

    /// <summary>Every line the family reads, in order, as the printable page shows them.</summary>
    private static List<string> Lines(ResponseLetter letter) =>
    [
        letter.OrganisationName, letter.ServiceName, letter.Addressee, UkDates.Long(letter.Date), $"Our reference: {letter.Reference}", letter.Title, letter.Salutation + ",",
        .. letter.Sections.SelectMany(s => s.Paragraphs.Concat(s.Bullets.Select(b => "• " + b)).Prepend(s.Heading)),
        "Yours sincerely,", letter.SignOff,
    ];

    private static List<string> Paragraphs(byte[] docx, out List<string> sizes, out List<string> errors)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        sizes = body.Descendants<FontSize>().Select(f => f.Val!.Value!).Distinct().ToList();
        errors = new OpenXmlValidator().Validate(document).Select(e => e.Description).ToList();
        return body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [Fact]
    public void The_word_document_opens_is_valid_and_holds_the_same_lines_as_the_letter()
    {
        var letter = Sample();

        var paragraphs = Paragraphs(WordLetter.Build(letter), out var sizes, out var errors);

        Assert.Empty(errors);
        Assert.Equal(Lines(letter), paragraphs);
        Assert.Contains("Pat Testparent, care of their advocate", paragraphs);
        Assert.Equal(["24"], sizes); // 12pt
    }

    [Fact]
    public void Large_print_is_18_point_and_easy_read_14_point_with_room_between_lines()
    {
        Paragraphs(WordLetter.Build(Sample(largePrint: true)), out var large, out var largeErrors);
        var easy = WordLetter.Build(Sample(easyRead: true));
        Paragraphs(easy, out var easySizes, out var easyErrors);

        Assert.Equal(["36"], large);
        Assert.Equal(["28"], easySizes);
        Assert.Empty(largeErrors);
        Assert.Empty(easyErrors);
        using var document = WordprocessingDocument.Open(new MemoryStream(easy), false);
        Assert.All(document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>(), p => Assert.Equal("360", p.ParagraphProperties?.SpacingBetweenLines?.Line?.Value));
    }

    [Fact]
    public async Task A_caseworker_downloads_the_extension_notice_with_the_same_text_as_the_printable_page_and_only_for_their_own_extended_case()
    {
        var (id, reference) = await ExtendedRequestAsync();
        var anonymous = await portal.Browser().GetAsync($"/casework/requests/{id}/notice/extension.docx");
        var caseworker = portal.Browser();
        await SignInAsync(caseworker, "caseworker.stk@rightsportal.test");

        var word = await caseworker.GetAsync($"/casework/requests/{id}/notice/extension.docx");
        var page = await caseworker.GetAsync($"/casework/requests/{id}/notice/extension");
        var noFee = await caseworker.GetAsync($"/casework/requests/{id}/notice/fee.docx");
        var noFeePage = await caseworker.GetStringAsync($"/casework/requests/{id}/notice/fee");
        var unknown = await caseworker.GetAsync($"/casework/requests/{id}/notice/refusal.docx");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // to sign in
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.True(word.Headers.CacheControl?.NoStore, "a letter holds personal data: no cache may keep it");
        Assert.True(page.Headers.CacheControl?.NoStore, "nor the printable page");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{reference}-extension-notice.docx", word.Content.Headers.ContentDisposition!.FileName);
        var paragraphs = Paragraphs(await word.Content.ReadAsByteArrayAsync(), out _, out var errors);
        Assert.Empty(errors);
        Assert.Contains("Why we need more time: " + ExtensionReason, paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("We will respond by ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.All(paragraphs, p => Assert.Contains(p.TrimStart('•', ' ').TrimEnd(','), html, StringComparison.Ordinal)); // the page shows every line of the document
        Assert.Contains($"/casework/requests/{id}/notice/extension.docx", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, noFee.StatusCode);
        Assert.Contains("No fee has been asked for on this request", await noFee.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No fee has been asked for on this request", WebUtility.HtmlDecode(noFeePage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var barnet = portal.Browser();
        await SignInAsync(barnet, "caseworker.bar@rightsportal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await barnet.GetAsync($"/casework/requests/{id}/notice/extension.docx")).StatusCode);
        var elsewhere = await barnet.GetAsync($"/casework/requests/{id}/notice/extension");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.DoesNotContain(ExtensionReason, await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A family's request to STK on the form, started and extended through the domain with the organisation's clock.</summary>
    private async Task<(Guid Id, string Reference)> ExtendedRequestAsync()
    {
        var (submission, posted) = await AccessRequestFields.SubmitAsync(portal.Browser(), "stk");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await using var db = portal.Db();
        var request = await db.Requests.SingleAsync(r => r.SubmissionId == submission);
        var (settings, calculator) = await portal.Services.GetRequiredService<PortalClock>().ForOrganisationAsync(db, request.OrganisationId, CancellationToken.None);
        var clock = portal.Services.GetRequiredService<TimeProvider>();
        var ctx = new CaseContext("caseworker-test", clock.GetUtcNow(), clock.UkToday(), calculator, settings);
        request.ProceedWithoutIdentity("Known family", ctx);
        request.Extend(ExtensionReason, ctx);
        await db.SaveChangesAsync();
        return (request.Id, request.Reference);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        var response = await form.PostAsync(client, [new("Input.Email", email), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
    }
}
