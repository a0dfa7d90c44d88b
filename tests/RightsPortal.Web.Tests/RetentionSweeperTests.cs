using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Families;
using RightsPortal.Application.Files;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Seeding;
using RightsPortal.Web.Infrastructure;
using RightsPortal.Web.Infrastructure.Oversight;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The hosted retention sweeper on a fake clock: a pass at start-up and then one every Portal:RetentionSweepMinutes,
/// off at zero, and a failed pass logged by its kind only without stopping the schedule.
/// </summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class RetentionSweeperTests : IAsyncLifetime
#pragma warning restore CA1001
{
    /// <summary>Put in the failing pass's exception message: it must never reach the log.</summary>
    private const string Marker = "Marker Childname 2017-03-27";

    private static readonly Regex SweepLine = new(
        @"^Retention sweep for (?<day>\d{4}-\d{2}-\d{2}): (?<cases>\d+) case files, (?<identity>\d+) sets of ID documents and (?<mail>\d+) email copies destroyed, " +
        @"(?<codes>\d+) sign-in codes removed, (?<files>\d+) files deleted; (?<review>\d+) waiting for review, (?<held>\d+) held; \d+ ms$",
        RegexOptions.CultureInvariant);

    private static readonly string[] ZeroCounts = ["cases", "identity", "mail", "files", "review", "held"];

    private static readonly Regex FailedLine = new(@"^Retention sweep failed after \d+ ms: (?<type>\w+)$", RegexOptions.CultureInvariant);

    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider fake = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly CountingClock clock;
    private readonly LogCapture logs = new();
    private readonly ThrowingMailCopies mailCopies = new();
    private ServiceProvider services = null!;

    public RetentionSweeperTests() => clock = new CountingClock(fake);

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs));
        collection.AddPortalDatabase(connection);
        collection.AddApplication();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<ISentMailCopies>(mailCopies);
        services = collection.BuildServiceProvider();

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await PortalSeeder.SeedOrganisationsAsync(db);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connection.DisposeAsync();
    }

    private RetentionSweeper Sweeper(int minutes) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(new PortalOptions { RetentionSweepMinutes = minutes }),
            services.GetRequiredService<ILogger<RetentionSweeper>>());

    private List<Match> SweepLines() => logs.Messages.Select(m => SweepLine.Match(m)).Where(m => m.Success).ToList();

    private List<string> FailedLines() => logs.Messages.Where(m => m.StartsWith("Retention sweep failed", StringComparison.Ordinal)).ToList();

    /// <summary>Sign-in codes long expired (the sweep removes them) and one still fresh (kept).</summary>
    private async Task AddSignInCodesAsync(int expired)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var now = clock.GetUtcNow();
        for (var i = 0; i < expired; i++)
        {
            db.FamilySignInCodes.Add(new FamilySignInCode
            {
                Id = Guid.NewGuid(), EmailHash = $"old{i}", CodeHash = "x", Salt = "s", CreatedAt = now.AddDays(-3), ExpiresAt = now.AddDays(-3).AddMinutes(15),
            });
        }

        db.FamilySignInCodes.Add(new FamilySignInCode { Id = Guid.NewGuid(), EmailHash = "fresh", CodeHash = "x", Salt = "s", CreatedAt = now, ExpiresAt = now.AddMinutes(15) });
        await db.SaveChangesAsync();
    }

    private async Task<int> SignInCodeCountAsync()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.FamilySignInCodes.CountAsync();
    }

    /// <summary>A copy of a sent email recorded for deletion: the sweep finishes it first, through <see cref="ISentMailCopies"/>.</summary>
    private async Task<Guid> AddPendingMailCopyDeletionAsync()
    {
        var id = Guid.NewGuid();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        db.PendingDeletions.Add(new PendingDeletion { Kind = PendingDeletionKind.SentMailCopy, Name = id.ToString("N"), RecordedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<int> PendingDeletionCountAsync()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.PendingDeletions.CountAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the sweeper has started waiting on the fake clock (its timer is made), so moving the clock counts.</summary>
    private async Task WaitForTimersAsync(int count)
    {
        await WaitUntilAsync(() => clock.TimersCreated >= count);
        Assert.Equal(count, clock.TimersCreated);
    }

    private async Task WaitForSweepLinesAsync(int count)
    {
        await WaitUntilAsync(() => SweepLines().Count >= count);
        Assert.Equal(count, SweepLines().Count);
    }

    [Fact]
    public async Task The_sweeper_runs_a_pass_at_start_up_and_the_next_after_the_configured_minutes_of_clock_time()
    {
        await AddSignInCodesAsync(expired: 2);
        var sweeper = Sweeper(minutes: 1440);
        using var stopping = new CancellationTokenSource();

        await sweeper.StartAsync(stopping.Token);
        await WaitForSweepLinesAsync(1); // on start, before any clock time has passed
        var first = SweepLines()[0];
        Assert.Equal("2026-03-02", first.Groups["day"].Value);
        Assert.Equal("2", first.Groups["codes"].Value);
        Assert.All(ZeroCounts, g => Assert.Equal("0", first.Groups[g].Value));
        Assert.Equal(1, await SignInCodeCountAsync()); // the fresh code is kept

        await WaitForTimersAsync(1);
        fake.Advance(TimeSpan.FromMinutes(1439));
        await Task.Delay(300);
        Assert.Single(SweepLines()); // not yet a day
        Assert.Equal(1, clock.TimersCreated);

        fake.Advance(TimeSpan.FromMinutes(1));
        await WaitForSweepLinesAsync(2);
        var second = SweepLines()[1];
        Assert.Equal("2026-03-03", second.Groups["day"].Value);
        Assert.Equal("0", second.Groups["codes"].Value); // the expired codes went on the first pass
        await WaitForTimersAsync(2); // and it waits for the next one

        await stopping.CancelAsync();
        await sweeper.StopAsync(CancellationToken.None);
        Assert.True(sweeper.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Empty(FailedLines());
    }

    [Fact]
    public async Task A_setting_longer_than_a_timer_can_wait_is_cut_to_thirty_days_rather_than_stopping_the_portal()
    {
        var sweeper = Sweeper(minutes: 100_000);
        using var stopping = new CancellationTokenSource();

        await sweeper.StartAsync(stopping.Token);
        await WaitForSweepLinesAsync(1);
        await WaitForTimersAsync(1);
        fake.Advance(TimeSpan.FromMinutes(PortalOptions.MaxIntervalMinutes));
        await WaitForSweepLinesAsync(2);

        await stopping.CancelAsync();
        await sweeper.StopAsync(CancellationToken.None);
        Assert.True(sweeper.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Set_to_zero_minutes_or_less_the_sweeper_is_off_and_never_runs_a_pass(int minutes)
    {
        await AddSignInCodesAsync(expired: 1);
        var sweeper = Sweeper(minutes);

        await sweeper.StartAsync(CancellationToken.None);
        await (sweeper.ExecuteTask ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(20)); // it returns at once
        fake.Advance(TimeSpan.FromDays(3));
        await Task.Delay(200);

        Assert.Contains(logs.Messages, m => m == $"The retention sweep is off (Portal:RetentionSweepMinutes is {minutes})");
        Assert.Empty(SweepLines());
        Assert.Empty(FailedLines());
        Assert.Equal(0, clock.TimersCreated);
        Assert.Equal(2, await SignInCodeCountAsync()); // nothing removed
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunOnceAsync_returns_the_report_of_a_pass()
    {
        await AddSignInCodesAsync(expired: 3);

        var report = await Sweeper(minutes: 60).RunOnceAsync(CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal(new DateOnly(2026, 3, 2), report.Today);
        Assert.Equal(3, report.SignInCodesRemoved);
        Assert.Equal(0, report.CasesDestroyed);
        var line = Assert.Single(SweepLines());
        Assert.Equal("3", line.Groups["codes"].Value);
    }

    [Fact]
    public async Task A_failed_pass_is_logged_by_its_kind_only_and_RunOnceAsync_returns_null()
    {
        await AddSignInCodesAsync(expired: 1);
        await AddPendingMailCopyDeletionAsync();
        mailCopies.FailuresLeft = 1;

        var report = await Sweeper(minutes: 60).RunOnceAsync(CancellationToken.None);

        Assert.Null(report);
        Assert.Equal(0, mailCopies.FailuresLeft); // it really did fail where the test made it
        var failed = Assert.Single(FailedLines());
        var match = FailedLine.Match(failed);
        Assert.True(match.Success, failed);
        Assert.Equal(nameof(InvalidOperationException), match.Groups["type"].Value);
        Assert.Equal(LogLevel.Error, logs.LevelOf(failed));
        Assert.Empty(SweepLines());
        Assert.All(logs.Messages, m => Assert.DoesNotContain("Marker", m, StringComparison.OrdinalIgnoreCase));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("Childname", m, StringComparison.Ordinal));
        Assert.Equal(2, await SignInCodeCountAsync()); // the pass stopped before it got that far
        Assert.Equal(1, await PendingDeletionCountAsync()); // left for the next pass
    }

    [Fact]
    public async Task After_a_failed_pass_the_loop_goes_on_to_the_next_pass_on_schedule()
    {
        await AddSignInCodesAsync(expired: 1);
        var pending = await AddPendingMailCopyDeletionAsync();
        mailCopies.FailuresLeft = 1;
        var sweeper = Sweeper(minutes: 60);
        using var stopping = new CancellationTokenSource();

        await sweeper.StartAsync(stopping.Token);
        await WaitUntilAsync(() => FailedLines().Count >= 1);
        Assert.Single(FailedLines());
        Assert.Empty(SweepLines());

        await WaitForTimersAsync(1); // still scheduled
        fake.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(300);
        Assert.Empty(SweepLines());
        Assert.Single(FailedLines());

        fake.Advance(TimeSpan.FromMinutes(1));
        await WaitForSweepLinesAsync(1);
        Assert.Equal("1", SweepLines()[0].Groups["codes"].Value);
        Assert.Equal(0, await PendingDeletionCountAsync()); // the copy left by the failed pass is finished now
        Assert.Equal(new[] { pending, pending }, mailCopies.Attempts.ToArray()); // tried by the failed pass, done by the next
        await WaitForTimersAsync(2);

        await stopping.CancelAsync();
        await sweeper.StopAsync(CancellationToken.None);
        Assert.True(sweeper.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(FailedLines());
        Assert.All(logs.Messages, m => Assert.DoesNotContain("Marker", m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_web_app_runs_the_retention_sweeper_as_a_hosted_service_daily_by_default()
    {
        using var portal = new PortalFactory();
        _ = portal.Browser(); // starts the app (PortalSetup)

        var sweeper = portal.Services.GetRequiredService<RetentionSweeper>();
        Assert.Contains(portal.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, sweeper));
        Assert.Equal(1440, portal.Services.GetRequiredService<IOptions<PortalOptions>>().Value.RetentionSweepMinutes);
    }

    [Fact]
    public void AddRetentionSweeper_registers_one_instance_as_both_the_sweeper_and_a_hosted_service()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddOptions<PortalOptions>();
        collection.AddSingleton(TimeProvider.System);
        collection.AddRetentionSweeper();
        using var provider = collection.BuildServiceProvider();

        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.IsType<RetentionSweeper>(hosted);
        Assert.Same(provider.GetRequiredService<RetentionSweeper>(), hosted);
    }

    /// <summary>Delegates to the fake clock and counts the timers made on it (Task.Delay makes one per wait).</summary>
    private sealed class CountingClock(FakeTimeProvider inner) : TimeProvider
    {
        private int timers;

        public int TimersCreated => Volatile.Read(ref timers);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref timers);
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>A store of sent-mail copies that throws (with personal-looking text in the message) the first times it is used.</summary>
    private sealed class ThrowingMailCopies : ISentMailCopies
    {
        private int failuresLeft;

        public int FailuresLeft
        {
            get => Volatile.Read(ref failuresLeft);
            set => Volatile.Write(ref failuresLeft, value);
        }

        public ConcurrentQueue<Guid> Attempts { get; } = new();

        public void Delete(Guid outboxMessageId)
        {
            Attempts.Enqueue(outboxMessageId);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new InvalidOperationException(Marker);
            }

            Interlocked.Exchange(ref failuresLeft, 0);
        }
    }

    /// <summary>Captures every log line of every category (the sweep's own counts come from RunRetentionSweep's logger).</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> entries = new();

        public IReadOnlyList<string> Messages => entries.Select(e => e.Text).ToList();

        public LogLevel LevelOf(string text) => entries.First(e => e.Text == text).Level;

        public ILogger CreateLogger(string categoryName) => new Logger(entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }
}
