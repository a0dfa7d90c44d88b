namespace RightsPortal.Web.Infrastructure;

/// <summary>Settings under "Portal" in configuration (environment: Portal__DataDirectory and so on).</summary>
public sealed class PortalOptions
{
    /// <summary>Where the SQLite database (and later uploads and mail) live; relative to the content root. Default ./data.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Form posts one client may make per minute (public forms and sign-in).</summary>
    public int FormPostsPerMinute { get; set; } = 30;

    /// <summary>
    /// Sign-in posts (asking for a code, entering one) one client may make in 15 minutes, whatever addresses it uses: with
    /// the per-address limits this stops one machine trying codes or flooding addresses.
    /// </summary>
    public int SignInPostsPerQuarterHour { get; set; } = 20;

    /// <summary>Requests one client may make per minute to the integration API.</summary>
    public int ApiRequestsPerMinute { get; set; } = 120;

    /// <summary>Seed demo staff sign-ins. Only ever honoured in the Development environment.</summary>
    public bool SeedDemoStaff { get; set; } = true;

    /// <summary>How often the deadline watcher runs after its run at start-up, in minutes; 0 turns it off.</summary>
    public int DeadlineWatchMinutes { get; set; } = 60;

    /// <summary>How often the retention sweep runs after its run at start-up, in minutes (daily by default); 0 turns it off.</summary>
    public int RetentionSweepMinutes { get; set; } = 1440;

    /// <summary>The longest wait between two passes of a background job: longer settings are cut to it (30 days).</summary>
    public const int MaxIntervalMinutes = 43_200;

    /// <summary>A job's interval from its setting in minutes, at most <see cref="MaxIntervalMinutes"/> (a timer cannot wait much longer).</summary>
    public static TimeSpan Interval(int minutes) => TimeSpan.FromMinutes(Math.Min(minutes, MaxIntervalMinutes));

    /// <summary>
    /// Runs a background job's pass now and then every <paramref name="minutes"/> (time from <paramref name="clock"/>)
    /// until the portal stops. The pass handles and logs its own failures, so one failed pass never stops the next.
    /// </summary>
    public static async Task RepeatAsync(Func<CancellationToken, Task> pass, int minutes, TimeProvider clock, CancellationToken stoppingToken)
    {
        var interval = Interval(minutes); // a longer wait than a timer allows would stop the portal
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));
}
