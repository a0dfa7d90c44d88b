namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// Blazor answers a form post it cannot accept (an expired or forged anti-forgery token, a form that is not on the
/// page) with a bare developer sentence. Families should see the calm "could not accept that" page
/// instead, so such responses are discarded and left to the status-code page.
/// </summary>
internal sealed class CalmFormRejectionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path.StartsWithSegments("/_blazor"))
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
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(CalmPage, context.RequestAborted);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private const string CalmPage = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>Sorry, we could not accept that - RightsPortal</title><link rel="stylesheet" href="/assets/css/public.css" /></head>
        <body>
        <header class="rp-header"><div class="rp-width-container rp-header__inner"><a href="/" class="rp-header__service">RightsPortal</a></div></header>
        <div class="rp-width-container"><main class="rp-main" id="main-content">
        <h1 class="rp-heading-xl">Sorry, we could not accept that</h1>
        <p>The form may have expired, for example if it was open for a long time, or been sent from somewhere else.</p>
        <p>Nothing was sent. Go back, reload the page and try again.</p>
        <p><a href="/">Return to the start</a></p>
        </main></div>
        </body>
        </html>
        """;

    /// <summary>Our own pages start with markup; the framework's refusals are a bare sentence (labelled text/html).</summary>
    private static bool IsPage(MemoryStream buffer)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).TrimStart(" \t\r\n\uFEFF"u8);
        return bytes.Length > 0 && bytes[0] == (byte)'<';
    }
}
