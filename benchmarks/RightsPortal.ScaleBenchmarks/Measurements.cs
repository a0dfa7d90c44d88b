using System.Diagnostics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Features.Oversight.Dashboard;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.ScaleBenchmarks;

/// <summary>
/// Times what staff wait for on the seeded database: each operation warmed up, then run several times; the median and
/// the worst are reported, with the bytes the .NET runtime allocated per run and the process's peak working set.
/// </summary>
internal static class Measurements
{
    private const int Runs = 15;

    public static async Task<int> RunAsync(ServiceProvider services, DateOnly today, IReadOnlyCollection<string> only, TextWriter log)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<PortalDb>>();
        await using (var db = await dbs.CreateDbContextAsync())
        {
            await MigrateAsync(db, log);

            var count = await db.Requests.CountAsync();
            log.WriteLine($"Database: {count:N0} requests; {Environment.ProcessorCount} cores; .NET {Environment.Version}; today {today:yyyy-MM-dd}");
        }

        var actor = services.GetRequiredService<BenchActor>();
        var organisation = await OrganisationAsync(dbs, "BAR");
        var failures = 0;

        if (only.Contains("queue"))
        {
        actor.Become("bench-caseworker", organisation, Roles.Caseworker);
        failures += await TimeAsync(log, "Casework queue, first page (open: in progress, sorted by due date)", 100, services,
            m => m.Send(new GetQueueQuery(0, 25, RequestStatus.InProgress, SortBy: QueueSort.DueOn)));
        failures += await TimeAsync(log, "Casework queue, first page (all, newest received first)", 100, services,
            m => m.Send(new GetQueueQuery(0, 25, SortBy: QueueSort.ReceivedOn, Descending: true)));
        }

        // The DPO's dashboard: the figures for the last 12 months (the default period), and the at-a-glance lists.
        if (only.Contains("dashboard"))
        {
        actor.Become("bench-dpo", organisation, Roles.Dpo);
        failures += await TimeAsync(log, "Dashboard figures, last 12 months by month (Barnet)", 300, services,
            m => m.Send(new GetDashboardFiguresQuery()));
        failures += await TimeAsync(log, "Dashboard at a glance (Barnet)", 300, services,
            m => m.Send(new GetAtAGlanceQuery()));
        actor.Become("bench-admin", null, Roles.Administrator);
        failures += await TimeAsync(log, "Dashboard figures, last 12 months, all organisations (administrator)", 300, services,
            m => m.Send(new GetDashboardFiguresQuery()), runs: 5);
        }

        // The deadline watcher's full pass over every open request and search task: the first pass writes the
        // reminders due today; later passes (every hour in the portal) find them written and write nothing.
        for (var pass = 1; pass <= (only.Contains("watcher") ? 3 : 0); pass++)
        {
            await using var scope = services.CreateAsyncScope();
            var watch = scope.ServiceProvider.GetRequiredService<RunDeadlineWatch>();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var timer = Stopwatch.StartNew();
            var report = await watch.RunAsync(CancellationToken.None);
            timer.Stop();
            var met = timer.Elapsed.TotalSeconds < 10;
            failures += met ? 0 : 1;
            log.WriteLine($"Deadline watcher pass {pass}: {timer.Elapsed.TotalSeconds:N2} s; {report.RequestsChecked:N0} open requests and " +
                          $"{report.SearchesChecked:N0} searches checked, {report.RemindersWritten:N0} reminders and {report.MailsWritten:N0} emails written; " +
                          $"{(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / (1024 * 1024):N0} MB allocated; target < 10 s: {(met ? "met" : "MISSED")}");
        }

        log.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A database seeded by an earlier version gets the migrations added since, as the portal would on start.</summary>
    public static async Task MigrateAsync(PortalDb db, TextWriter log)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            var migrating = Stopwatch.StartNew();
            await db.Database.MigrateAsync();
            log.WriteLine($"Applied {string.Join(", ", pending)} in {migrating.Elapsed.TotalSeconds:N0} s");
        }
    }

    private static async Task<Guid> OrganisationAsync(IDbContextFactory<PortalDb> dbs, string code)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
    }

    /// <summary>Runs the operation (warm-up, then <see cref="Runs"/> timed runs) and prints median, worst and allocation.</summary>
    public static async Task<int> TimeAsync<T>(TextWriter log, string name, double targetMs, ServiceProvider services, Func<IMediator, Task<T>> operation, int runs = Runs)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await operation(scope.ServiceProvider.GetRequiredService<IMediator>()); // warm-up: JIT, query compilation, page cache
        }

        var times = new List<double>(runs);
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var total = GC.GetTotalAllocatedBytes(precise: false);
            var watch = Stopwatch.StartNew();
            await operation(mediator);
            watch.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: false) - total;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        var met = median <= targetMs;
        log.WriteLine($"{name}: median {median:N1} ms, worst {times[^1]:N1} ms over {runs} runs; {allocated / runs / 1024.0:N0} KB allocated per run; " +
                      $"target < {targetMs:N0} ms: {(met ? "met" : "MISSED")}");
        return met ? 0 : 1;
    }
}
