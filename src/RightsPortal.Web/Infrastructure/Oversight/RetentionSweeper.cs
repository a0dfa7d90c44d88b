using System.Diagnostics;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Features.Retention;

namespace RightsPortal.Web.Infrastructure.Oversight;

/// <summary>
/// Runs the retention sweep when the portal starts and then every <see cref="PortalOptions.RetentionSweepMinutes"/>
/// (daily by default). A sweep is safe to repeat and to interrupt, so a restart mid-sweep loses nothing. A failed pass
/// is logged (its kind only, never data) and the next one runs as planned.
/// </summary>
public sealed class RetentionSweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<PortalOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>One pass. Returns its report, or null when it failed (the failure is logged, not thrown).</summary>
    public async Task<RetentionSweepReport?> RunOnceAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RunRetentionSweep>().RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The type only: an exception message can carry a name.
            logger.LogError("Retention sweep failed after {Milliseconds} ms: {Error}", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.RetentionSweepMinutes;
        if (minutes <= 0)
        {
            logger.LogInformation("The retention sweep is off (Portal:RetentionSweepMinutes is {Minutes})", minutes);
            return;
        }

        await PortalOptions.RepeatAsync(RunOnceAsync, minutes, clock, stoppingToken);
    }
}

public static class RetentionSweeperSetup
{
    /// <summary>The retention sweep as a hosted service (also resolvable, so tests can run one pass).</summary>
    public static IServiceCollection AddRetentionSweeper(this IServiceCollection services)
    {
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return services;
    }
}
