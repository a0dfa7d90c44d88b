using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace RightsPortal.Web.Infrastructure;

/// <summary>Logs every unhandled failure with the correlation id the error page shows, then lets the error page render.</summary>
internal sealed class CorrelatedExceptionHandler(ILogger<CorrelatedExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var correlationId = CorrelationId.Of(httpContext);
        logger.LogError(exception, "Unhandled failure {CorrelationId} on {Method} {Path}", correlationId, httpContext.Request.Method, httpContext.Request.Path.Value);
        return ValueTask.FromResult(false);
    }
}

public static class CorrelationId
{
    /// <summary>The W3C trace id when tracing, else the request's own id; the same value is logged and shown to the user.</summary>
    public static string Of(HttpContext? context) =>
        Activity.Current?.TraceId.ToString() ?? context?.TraceIdentifier ?? Guid.NewGuid().ToString("N");
}
