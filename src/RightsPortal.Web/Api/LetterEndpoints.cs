using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MediatR;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Web.Api;

/// <summary>The response letter as a Word document, for staff to edit and send on headed paper.</summary>
internal static class LetterEndpoints
{
    public static void MapLetterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/casework/requests/{id:guid}/letter.docx", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            try
            {
                var letter = await mediator.Send(new GetResponseLetterQuery(id), ct);
                return Results.File(WordLetter.Build(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{letter.Reference}-response.docx");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (DomainRuleException rule)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No letter yet", detail: rule.Message);
            }
        })
        .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.Caseworker},{Roles.Dpo}" })
        .ExcludeFromDescription();
    }
}

internal static class WordLetter
{
    public static byte[] Build(ResponseLetter letter)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var size = letter.LargePrint ? "36" : "24"; // half-points: 18pt for large print, 12pt otherwise
            body.Append(Paragraph(letter.OrganisationName, size, bold: true));
            body.Append(Paragraph(letter.ServiceName, size));
            body.Append(Paragraph(UkDates.Long(letter.Date), size));
            body.Append(Paragraph($"Our reference: {letter.Reference}", size));
            body.Append(Paragraph(letter.Title, size, bold: true));
            body.Append(Paragraph(letter.Salutation + ",", size));
            foreach (var section in letter.Sections)
            {
                body.Append(Paragraph(section.Heading, size, bold: true));
                foreach (var text in section.Paragraphs) body.Append(Paragraph(text, size));
                foreach (var bullet in section.Bullets) body.Append(Paragraph("• " + bullet, size));
            }

            body.Append(Paragraph("Yours sincerely,", size));
            body.Append(Paragraph(letter.SignOff, size));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string size, bool bold = false)
    {
        var properties = new RunProperties(new FontSize { Val = size }, new RunFonts { Ascii = "Arial", HighAnsi = "Arial" });
        if (bold) properties.Append(new Bold());
        return new Paragraph(new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
