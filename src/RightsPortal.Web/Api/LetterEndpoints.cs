using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MediatR;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Web.Api;

/// <summary>The response letter and the notices as Word documents, for staff to edit and send on headed paper.</summary>
internal static class LetterEndpoints
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapLetterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var staff = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.Caseworker},{Roles.Dpo}" };

        endpoints.MapGet("/casework/requests/{id:guid}/letter.docx", (Guid id, IMediator mediator, CancellationToken ct) =>
            WordAsync(() => mediator.Send(new GetResponseLetterQuery(id), ct), "response"))
        .RequireAuthorization(staff)
        .ExcludeFromDescription();

        endpoints.MapGet("/casework/requests/{id:guid}/notice/{kind}.docx", (Guid id, string kind, IMediator mediator, CancellationToken ct) =>
            NoticeKinds.TryParse(kind, out var notice)
                ? WordAsync(() => mediator.Send(new GetNoticeLetterQuery(id, notice), ct), notice.Slug() + "-notice")
                : Task.FromResult(Results.NotFound()))
        .RequireAuthorization(staff)
        .ExcludeFromDescription();
    }

    private static async Task<IResult> WordAsync(Func<Task<ResponseLetter>> letterAsync, string suffix)
    {
        try
        {
            var letter = await letterAsync();
            return Results.File(WordLetter.Build(letter), WordType, $"{letter.Reference}-{suffix}.docx");
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (DomainRuleException rule)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No letter yet", detail: rule.Message);
        }
    }
}

/// <summary>The letter model as a Word document: the same lines, in the same order, as the printable page.</summary>
internal static class WordLetter
{
    public static byte[] Build(ResponseLetter letter)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();

            // Half-points: 18pt for large print, 14pt for easy read (with more space between lines), 12pt otherwise.
            var style = new LineStyle(letter.LargePrint ? "36" : letter.EasyRead ? "28" : "24", letter.EasyRead);
            body.Append(Paragraph(letter.OrganisationName, style, bold: true));
            body.Append(Paragraph(letter.ServiceName, style));
            body.Append(Paragraph(letter.Addressee, style));
            body.Append(Paragraph(UkDates.Long(letter.Date), style));
            body.Append(Paragraph($"Our reference: {letter.Reference}", style));
            body.Append(Paragraph(letter.Title, style, bold: true));
            body.Append(Paragraph(letter.Salutation + ",", style));
            foreach (var section in letter.Sections)
            {
                body.Append(Paragraph(section.Heading, style, bold: true));
                foreach (var text in section.Paragraphs) body.Append(Paragraph(text, style));
                foreach (var bullet in section.Bullets) body.Append(Paragraph("• " + bullet, style));
            }

            body.Append(Paragraph("Yours sincerely,", style));
            body.Append(Paragraph(letter.SignOff, style));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private sealed record LineStyle(string Size, bool Spacious);

    private static Paragraph Paragraph(string text, LineStyle style, bool bold = false)
    {
        // Schema order: fonts, then bold, then size (Word's validator rejects another order).
        var properties = new RunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial" });
        if (bold) properties.Append(new Bold());
        properties.Append(new FontSize { Val = style.Size });
        var paragraph = new Paragraph();
        if (style.Spacious)
        {
            // 1.5 line spacing and a gap after each paragraph: easier to follow one short sentence at a time.
            paragraph.Append(new ParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto, After = "200" }));
        }

        paragraph.Append(new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }
}
