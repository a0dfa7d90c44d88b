using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Api;

/// <summary>
/// Files on a request: a family's upload (a plain multipart form post, no JavaScript), downloads for the owning family
/// and the case's organisation, and the response letter for the family once the request is closed.
/// </summary>
internal static class FileEndpoints
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The whole form may be a little larger than the file (the token, the select, the multipart framing).</summary>
    public const long MaxFormBytes = UploadRules.MaxBytes + 64 * 1024;

    /// <summary>What the request page says after an upload, by the short code the upload redirects with.</summary>
    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["done"] = "Your file was added. The information governance team can now see it.",
        ["wrong-type"] = UploadRules.WrongType,
        ["too-big"] = UploadRules.TooBig,
        ["empty"] = UploadRules.Empty,
        ["no-file"] = UploadRules.NoFile,
        ["kind"] = "Select what the file is",
        ["finished"] = "This request is finished, so no more files can be added.",
        ["conflict"] = "The team changed your request at the same moment, so your file was not added. Please choose it and send it again.",
    };

    public static void MapFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/my-requests/{reference}/files", UploadAsync)
            .RequireAuthorization(FamilyAuthentication.Policy)
            .DisableAntiforgery() // checked below, once the size is known to be acceptable
            .ExcludeFromDescription();

        endpoints.MapGet("/my-requests/{reference}/files/{fileId:guid}", (string reference, Guid fileId, IMediator mediator, HttpContext context, CancellationToken ct) =>
                DownloadAsync(context, () => mediator.Send(new GetMyFileQuery(reference, fileId), ct)))
            .RequireAuthorization(FamilyAuthentication.Policy)
            .ExcludeFromDescription();

        endpoints.MapGet("/my-requests/{reference}/response.docx", (string reference, IMediator mediator, HttpContext context, CancellationToken ct) =>
                DownloadAsync(context, async () =>
                {
                    var letter = await mediator.Send(new GetMyResponseLetterQuery(reference), ct);
                    return new FileDownload($"{letter.Reference}-response.docx", WordType, WordLetter.Build(letter));
                }))
            .RequireAuthorization(FamilyAuthentication.Policy)
            .ExcludeFromDescription();

        var staff = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.Caseworker},{Roles.Dpo}" };
        endpoints.MapGet("/casework/requests/{id:guid}/files/{fileId:guid}", (Guid id, Guid fileId, IMediator mediator, HttpContext context, CancellationToken ct) =>
                DownloadAsync(context, () => mediator.Send(new GetCaseFileQuery(id, fileId), ct)))
            .RequireAuthorization(staff)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, Func<Task<FileDownload>> fileAsync)
    {
        try
        {
            var file = await fileAsync();
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store"; // personal data: not kept by shared caches or the browser
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
    }

    private static async Task UploadAsync(string reference, HttpContext context, IAntiforgery antiforgery, IMediator mediator)
    {
        var back = $"/my-requests/{Uri.EscapeDataString(reference)}";

        // Refuse an oversized body before reading it: calmly, with what to do, never a stack trace.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        if (context.Request.ContentLength > MaxFormBytes)
        {
            await TooBigAsync(context);
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await CalmPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Sorry, we could not accept that",
                "The file was not sent as a form.", "Go back to your request and try again.");
            return;
        }

        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxFormBytes,
            ValueCountLimit = 20,
        }));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            await TooBigAsync(context);
            return;
        }

        // The page's token was issued to the family principal, which the family policy made the request's user.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await CalmPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Sorry, we could not accept that",
                "The form may have expired, for example if it was open for a long time, or been sent from somewhere else.",
                "Nothing was sent. Go back, reload the page and try again.");
            return;
        }

        var file = form.Files.GetFile("file");
        if (!Enum.TryParse<UploadKind>(form["kind"].ToString(), ignoreCase: false, out var kind) || kind == UploadKind.Response)
        {
            Redirect(context, back, "kind");
            return;
        }

        byte[]? content = null;
        if (file is not null)
        {
            content = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(content, context.RequestAborted);
        }

        try
        {
            await mediator.Send(new UploadEvidenceCommand(reference, kind, file?.FileName, content), context.RequestAborted);
            Redirect(context, back, "done");
        }
        catch (ValidationException invalid)
        {
            var message = invalid.Errors.Select(e => e.ErrorMessage).FirstOrDefault() ?? UploadRules.WrongType;
            Redirect(context, back, Outcomes.FirstOrDefault(o => o.Value == message).Key ?? "wrong-type");
        }
        catch (DomainRuleException)
        {
            Redirect(context, back, "finished");
        }
        catch (ConcurrencyConflictException)
        {
            Redirect(context, back, "conflict");
        }
        catch (NotFoundException)
        {
            // Another family's reference looks exactly like one that does not exist.
            await CalmPage.WriteAsync(context, StatusCodes.Status404NotFound, "Page not found",
                "If you typed the web address, check it is correct.", "Nothing was sent.");
        }
    }

    private static void Redirect(HttpContext context, string back, string outcome)
    {
        // See Other: the browser follows with a GET, so reloading the page does not send the file again.
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{back}?upload={outcome}#files";
    }

    private static Task TooBigAsync(HttpContext context) =>
        CalmPage.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The file is too big",
            $"{UploadRules.TooBig}. Nothing was sent.",
            "Go back to your request and choose a smaller file. A photo or scan of a document at a lower resolution is usually small enough.");
}
