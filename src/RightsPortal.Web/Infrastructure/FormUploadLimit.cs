using Microsoft.AspNetCore.Http.Features;
using RightsPortal.Application.Files;

namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// Marks a static page whose form may carry a file (the public request form's signed authority). Its posts get their
/// own body limit from <see cref="FormUploadLimitMiddleware"/>; every other post keeps the server's defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AcceptsFormUploadAttribute : Attribute
{
    /// <summary>
    /// The largest post such a page reads: well above the file limit, so a family who picks a photo or scan that is
    /// too big (the common mistake) is told so on the page with every answer kept; bigger posts get a calm page.
    /// </summary>
    public const long MaxBodyBytes = 3 * UploadRules.MaxBytes;
}

/// <summary>
/// Sets the body and multipart limits for posts to <see cref="AcceptsFormUploadAttribute"/> pages before anything reads
/// the form (anti-forgery does), and answers a post beyond them with a calm "too big" page, never a stack trace.
/// </summary>
internal sealed class FormUploadLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<AcceptsFormUploadAttribute>() is null)
        {
            await next(context);
            return;
        }

        const long limit = AcceptsFormUploadAttribute.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await TooBigAsync(context); // refused before reading it
            return;
        }

        if (context.Request.HasFormContentType)
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException
                                   && !context.Response.HasStarted)
        {
            // A body sent without its length that turned out too big, found while the form was being read.
            context.Response.Clear();
            await TooBigAsync(context);
        }
    }

    private static Task TooBigAsync(HttpContext context) =>
        CalmPage.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The file is too big",
            $"{UploadRules.TooBig}. Nothing was sent.",
            "Go back, choose a smaller file (a photo or scan of a document at a lower resolution is usually small enough), or send your request without it and add it later by signing in with your email address.");
}
