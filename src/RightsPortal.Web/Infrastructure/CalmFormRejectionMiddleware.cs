namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// Blazor answers a form post it cannot accept (an expired or forged anti-forgery token, a form that is not on the
/// page) with a bare developer sentence. Families should see the calm "could not accept that" page
/// instead, so such responses are discarded and left to the status-code page. A post to a page that found its
/// subject missing (an unknown organisation) is refused the same way, because its form was never rendered; such a
/// page sets <see cref="PageNotFound"/> and the post is answered as the page not found it is.
/// </summary>
internal sealed class CalmFormRejectionMiddleware(RequestDelegate next)
{
    /// <summary>HttpContext.Items key a static page sets before <c>NavigationManager.NotFound()</c>.</summary>
    public const string PageNotFound = "RightsPortal.PageNotFound";

    public async Task InvokeAsync(HttpContext context)
    {
        // Only the pages' own form posts: the circuit and the JSON API answer for themselves.
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path.StartsWithSegments("/_blazor") || context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted && !IsPage(buffer))
        {
            // Written here, not re-executed: a re-executed request would still be a POST and be refused again.
            await (context.Items.ContainsKey(PageNotFound)
                ? CalmPage.WriteAsync(context, StatusCodes.Status404NotFound, "Page not found",
                    "If you typed the web address, check it is correct.", "Nothing was sent.")
                : CalmPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Sorry, we could not accept that",
                    "The form may have expired, for example if it was open for a long time, or been sent from somewhere else.",
                    "Nothing was sent. Go back, reload the page and try again."));
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Our own pages start with markup; the framework's refusals are a bare sentence (labelled text/html).</summary>
    private static bool IsPage(MemoryStream buffer)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).TrimStart(" \t\r\n\uFEFF"u8);
        return bytes.Length > 0 && bytes[0] == (byte)'<';
    }
}
