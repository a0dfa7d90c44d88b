using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace RightsPortal.Application.Behaviours;

/// <summary>Logs the request type and how long it took; never the payload, which holds families' personal data.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation("{Request} handled in {ElapsedMs} ms", name, elapsed);
            return response;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = ex.GetType().Name;
            logger.LogInformation("{Request} ended with {Outcome} after {ElapsedMs} ms", name, outcome, elapsed);
            throw;
        }
    }
}
