using RightsPortal.Application.Oversight;

namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// Checks the audit trail's hash chain once a day: at start if no check was made in the last 24 hours, then 24 hours
/// after the latest check (a DPO's on-demand check counts). Time comes from the TimeProvider; logs carry no personal data.
/// </summary>
public sealed class AuditChainWatcher(AuditChainChecker checker, TimeProvider clock, ILogger<AuditChainWatcher> logger) : BackgroundService
{
    /// <summary>How long to wait before trying again after a check could not be made (the database was busy, say).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = (await checker.RunDailyIfDueAsync(stoppingToken)).NextDue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The type only, as elsewhere: a message could in principle carry data.
                logger.LogError("The daily audit trail check could not run: {Error}", ex.GetType().Name);
                next = clock.GetUtcNow() + RetryAfter;
            }

            var wait = next - clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
