using System.Net;

namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// A plain, styled page written straight to the response, for refusals that happen outside the Blazor pages (a
/// refused form post, too many attempts), where re-executing a page would itself be refused again.
/// </summary>
internal static class CalmPage
{
    public static Task WriteAsync(HttpContext context, int statusCode, string title, params string[] paragraphs)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = null;
        var body = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{WebUtility.HtmlEncode(title)} - RightsPortal</title><link rel="stylesheet" href="/assets/css/public.css" /></head>
            <body>
            <header class="rp-header"><div class="rp-width-container rp-header__inner"><a href="/" class="rp-header__service">RightsPortal</a></div></header>
            <div class="rp-width-container"><main class="rp-main" id="main-content">
            <h1 class="rp-heading-xl">{WebUtility.HtmlEncode(title)}</h1>
            {body}
            <p><a href="/">Return to the start</a></p>
            </main></div>
            </body>
            </html>
            """;
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
