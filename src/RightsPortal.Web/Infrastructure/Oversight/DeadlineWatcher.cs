using System.Diagnostics;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Features.Oversight;

namespace RightsPortal.Web.Infrastructure.Oversight;

/// <summary>
/// Runs the deadline watch when the portal starts and then every <see cref="PortalOptions.DeadlineWatchMinutes"/>
/// (time from the injected <see cref="TimeProvider"/>). Each pass is idempotent, so a restart or a second instance
/// never sends a reminder twice. A failed pass is logged (its kind only, never data) and the next one runs as planned.
/// </summary>
public sealed class DeadlineWatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<PortalOptions> options,
    ILogger<DeadlineWatcher> logger) : BackgroundService
{
    /// <summary>One pass. Returns its report, or null when it failed (the failure is logged, not thrown).</summary>
    public async Task<DeadlineWatchReport?> RunOnceAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<RunDeadlineWatch>().RunAsync(ct);
            logger.LogInformation(
                "Deadline watch for {Today}: {Requests} requests and {Searches} searches checked in {ScanMilliseconds} ms, {Due} reminders due, {Written} new, {Mails} emails queued, in {Milliseconds} ms",
                report.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.RequestsChecked, report.SearchesChecked, (long)report.Scanning.TotalMilliseconds, report.RemindersDue, report.RemindersWritten,
                report.MailsWritten, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return report;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The type only: an exception message can carry an address or a name.
            logger.LogError("Deadline watch failed after {Milliseconds} ms: {Error}", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.DeadlineWatchMinutes;
        if (minutes <= 0)
        {
            logger.LogInformation("The deadline watcher is off (Portal:DeadlineWatchMinutes is {Minutes})", minutes);
            return;
        }

        await PortalOptions.RepeatAsync(RunOnceAsync, minutes, clock, stoppingToken);
    }
}

public static class DeadlineWatcherSetup
{
    /// <summary>The deadline watcher as a hosted service (also resolvable, so tests can run one pass), and the menu's reminder count.</summary>
    public static IServiceCollection AddDeadlineWatcher(this IServiceCollection services)
    {
        services.AddSingleton<DeadlineWatcher>();
        services.AddScoped<Components.Shared.ReminderCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatcher>());
        return services;
    }
}
