using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.ScaleBenchmarks;

// The large-dataset benchmarks. See README.md beside this file.
//
//   dotnet run -c Release --project benchmarks/RightsPortal.ScaleBenchmarks -- seed --data /tmp/rp-scale [--requests 1000000]
//   dotnet run -c Release --project benchmarks/RightsPortal.ScaleBenchmarks -- measure --data /tmp/rp-scale [--only queue,dashboard,watcher] [--log-sql]
//   dotnet run -c Release --project benchmarks/RightsPortal.ScaleBenchmarks -- sweep --data /tmp/rp-scale-copy [--destroy 100000] [--batch 500]
//
// sweep destroys cases: run it on a copy of a freshly seeded folder.
//
// --only picks the groups to time (default all of them); --log-sql prints each SQL command with its duration.
//
// "Today" is fixed (Mon 23 Nov 2026) so a seeded database and its measurements can be repeated. Exit code 0 when every
// target is met, 1 when one is missed, 2 on bad arguments.

var command = args.FirstOrDefault();
var data = Option("--data") ?? Path.Combine(Path.GetTempPath(), "rightsportal-scale");
var requests = int.TryParse(Option("--requests"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
var destroy = int.TryParse(Option("--destroy"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 100_000;
if (command is not ("seed" or "measure" or "sweep") || requests < 1 || destroy < 1)
{
    Console.Error.WriteLine("Usage: RightsPortal.ScaleBenchmarks seed|measure|sweep [--data DIR] [--requests N] [--destroy N]");
    return 2;
}

Directory.CreateDirectory(data);
var today = new DateOnly(2026, 11, 23);
var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
var only = (Option("--only") ?? "queue,dashboard,watcher").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (only.Except(["queue", "dashboard", "watcher"]).Any())
{
    Console.Error.WriteLine("--only takes a comma-separated list of: queue, dashboard, watcher");
    return 2;
}

await using var services = Services(Path.Combine(data, "portal.db"), clock, logSql: args.Contains("--log-sql"));

if (command == "seed")
{
    Console.WriteLine($"Seeding {requests:N0} requests into {data} ...");
    await ScaleSeeder.RunAsync(services, requests, today, Console.Out);
    Console.WriteLine($"Database file: {new FileInfo(Path.Combine(data, "portal.db")).Length / (1024 * 1024):N0} MB");
    return 0;
}

if (command == "sweep")
{
    var batch = int.TryParse(Option("--batch"), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : (int?)null;
    return await SweepMeasurement.RunAsync(services, today, destroy, batch, Console.Out);
}

return await Measurements.RunAsync(services, today, only, Console.Out);

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static ServiceProvider Services(string databaseFile, TimeProvider clock, bool logSql = false)
{
    var services = new ServiceCollection();
    services.AddLogging(b =>
    {
        b.SetMinimumLevel(LogLevel.Warning).AddProvider(new ConsoleLines());
        if (logSql)
        {
            b.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }
    });
    services.AddPortalDatabase(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = true }.ToString());
    services.AddApplication();
    services.Configure<RightsPortal.Application.Files.FileStoreOptions>(o => o.Directory = Path.Combine(Path.GetDirectoryName(databaseFile)!, "files"));
    services.AddSingleton(clock);
    services.AddSingleton<BenchActor>();
    services.AddSingleton<ICurrentActor>(sp => sp.GetRequiredService<BenchActor>());
    services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<PortalDb>();
    return services.BuildServiceProvider();
}

/// <summary>Today, fixed, so runs repeat.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Who the measured queries run as: set per measurement.</summary>
internal sealed class BenchActor : ICurrentActor
{
    private HashSet<string> roles = [];

    public bool IsAuthenticated => UserId is not null;
    public string? UserId { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public string? VerifiedFamilyEmail => null;

    public bool IsInRole(string role) => roles.Contains(role);

    public void Become(string userId, Guid? organisationId, params string[] inRoles)
    {
        UserId = userId;
        OrganisationId = organisationId;
        roles = [.. inRoles];
    }
}

/// <summary>Each log entry as one line on the console (the benchmark has no host to bring the console logger).</summary>
internal sealed class ConsoleLines : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");

    public void Dispose()
    {
    }
}
