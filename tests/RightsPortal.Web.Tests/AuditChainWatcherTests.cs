using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Oversight;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Tests;

/// <summary>The hosted service that checks the audit trail daily, on a fake clock.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class AuditChainWatcherTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // Each context gets its own connection to one shared in-memory database: the watcher runs on its own thread.
    private readonly string connectionString = $"Data Source=watcher-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Pooling=False";
    private SqliteConnection keeper = default!;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private ServiceProvider services = default!;

    public async Task InitializeAsync()
    {
        keeper = new SqliteConnection(connectionString); // held open: the database lives as long as it does
        await keeper.OpenAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPortalDatabase(connectionString);
        collection.AddApplication();
        collection.AddSingleton<TimeProvider>(clock);
        services = collection.BuildServiceProvider();
        await using var db = Db();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await keeper.DisposeAsync();
    }

    [Fact]
    public async Task It_checks_at_start_then_again_a_day_later_and_a_restart_within_the_day_adds_no_check()
    {
        var first = NewWatcher();
        await first.StartAsync(CancellationToken.None);
        await WaitForChecksAsync(1);
        await first.StopAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(3));
        var restarted = NewWatcher(); // the portal restarted three hours later: the day's check is already there
        await restarted.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.Equal(1, await CountAsync());

        clock.Advance(TimeSpan.FromHours(21)); // 24 hours after the first check
        await WaitForChecksAsync(2);
        await Task.Delay(300);
        Assert.Equal(2, await CountAsync());

        clock.Advance(TimeSpan.FromHours(24));
        await WaitForChecksAsync(3);
        await restarted.StopAsync(CancellationToken.None);
        await using var db = Db();
        var checks = await db.AuditChainChecks.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.All(checks, c => Assert.Equal((AuditChainChecker.Daily, AuditChainChecker.System), (c.Trigger, c.CheckedBy)));
        Assert.Equal([TimeSpan.FromHours(24), TimeSpan.FromHours(24)], [checks[1].CheckedAt - checks[0].CheckedAt, checks[2].CheckedAt - checks[1].CheckedAt]);
    }

    private AuditChainWatcher NewWatcher() => new(
        services.GetRequiredService<AuditChainChecker>(), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChainWatcher>.Instance);

    private PortalDb Db() => services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

    private async Task<int> CountAsync()
    {
        await using var db = Db();
        return await db.AuditChainChecks.CountAsync();
    }

    private async Task WaitForChecksAsync(int expected)
    {
        for (var i = 0; i < 200 && await CountAsync() < expected; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(expected, await CountAsync());
    }
}
