namespace RightsPortal.Web.Infrastructure;

/// <summary>Security headers on every response, with a content security policy the portal's own pages satisfy.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Scripts only from this origin (no inline script); MudBlazor writes inline style attributes and its theme
    // <style> block, hence 'unsafe-inline' for styles only. The staff circuit needs a WebSocket to this origin.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (HoldsPersonalData(context.Request.Path) && string.IsNullOrEmpty(headers.CacheControl))
            {
                // Case pages, letters and a family's own pages: never kept by shared caches or the browser's history.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool HoldsPersonalData(PathString path) =>
        path.StartsWithSegments("/casework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/my-requests", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/searches", StringComparison.OrdinalIgnoreCase);
}
