using System.Collections.Concurrent;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// The real Application layer (pipeline, handlers, migrations, seed) on a fresh, migrated in-memory SQLite database,
/// with a fake clock, a switchable signed-in person and every log message captured. One per test.
/// </summary>
public sealed class PortalApp : IAsyncDisposable
{
    /// <summary>Mon 2 Mar 2026, 10:00 UK time (GMT).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection connection;
    private readonly IReadOnlyDictionary<string, Guid> organisationIds;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> categoryCodes;

    private PortalApp(
        SqliteConnection connection,
        ServiceProvider services,
        FakeTimeProvider clock,
        TestActor actor,
        LogCapture logs,
        IReadOnlyDictionary<string, Guid> organisationIds,
        IReadOnlyDictionary<string, IReadOnlyList<string>> categoryCodes)
    {
        this.connection = connection;
        this.organisationIds = organisationIds;
        this.categoryCodes = categoryCodes;
        Services = services;
        Clock = clock;
        Actor = actor;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public TestActor Actor { get; }
    public LogCapture Logs { get; }

    /// <summary>The held connection that keeps the in-memory database alive (to build a second set of services on it, as after a restart).</summary>
    public SqliteConnection Connection => connection;

    /// <param name="now">The fake clock's start (UTC).</param>
    /// <param name="configure">Extra registrations (for example a handler for a request type declared in a test).</param>
    /// <param name="connectionPerOperation">
    /// Give every database context its own connection to a shared in-memory database, as a file database does in
    /// production, so requests can genuinely run at the same time. By default all contexts share one connection.
    /// </param>
    /// <param name="databaseFile">
    /// Use a database file, in write-ahead-log mode as the portal does, with a connection per operation (for tests that
    /// read the file's bytes). The caller deletes it.
    /// </param>
    public static async Task<PortalApp> StartAsync(DateTimeOffset? now = null, Action<IServiceCollection>? configure = null, bool connectionPerOperation = false, string? databaseFile = null)
    {
        connectionPerOperation |= databaseFile is not null;
        var connectionString = databaseFile is not null
            ? $"Data Source={databaseFile};Pooling=False;Default Timeout=30"
            : connectionPerOperation
            ? $"Data Source=portal-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Pooling=False;Default Timeout=30"
            : "DataSource=:memory:";
        var connection = new SqliteConnection(connectionString); // held open: the in-memory database lives as long as it does
        await connection.OpenAsync();
        if (databaseFile is not null)
        {
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }

        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var actor = new TestActor();
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (connectionPerOperation)
        {
            services.AddPortalDatabase(connectionString);
        }
        else
        {
            services.AddPortalDatabase(connection);
        }

        services.AddApplication();
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        services.Replace(ServiceDescriptor.Singleton<ICurrentActor>(actor));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Dictionary<string, Guid> ids;
        Dictionary<string, IReadOnlyList<string>> categories;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await PortalSeeder.SeedOrganisationsAsync(db);
            var organisations = await db.Organisations.AsNoTracking().Include(o => o.DataCategories).ToListAsync();
            ids = organisations.ToDictionary(o => o.Code, o => o.Id);
            categories = organisations.ToDictionary(o => o.Code, o => (IReadOnlyList<string>)o.DataCategories.OrderBy(c => c.Order).Select(c => c.Code).ToList());
        }

        return new PortalApp(connection, provider, clock, actor, logs, ids, categories);
    }

    /// <summary>Sends through the real pipeline from a fresh scope, as one web request or circuit event would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A context for assertions; dispose it.</summary>
    public PortalDb Db() => Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

    public Guid OrganisationId(string code) => organisationIds[code];

    /// <summary>The organisation's category codes, in the order its form shows them.</summary>
    public IReadOnlyList<string> CategoryCodes(string code) => categoryCodes[code];

    public PortalApp AsPublic()
    {
        Actor.SignOut();
        return this;
    }

    /// <summary>A family signed in with a code for this address (not staff: no roles, no organisation).</summary>
    public PortalApp AsFamily(string email)
    {
        Actor.SignOut();
        Actor.VerifiedFamilyEmail = email;
        return this;
    }

    public PortalApp AsCaseworker(string code)
    {
        Actor.SignIn("caseworker-" + code, OrganisationId(code), Roles.Caseworker);
        return this;
    }

    public PortalApp AsDpo(string code)
    {
        Actor.SignIn("dpo-" + code, OrganisationId(code), Roles.Dpo);
        return this;
    }

    public PortalApp AsAdministrator()
    {
        Actor.SignIn("admin", null, Roles.Administrator);
        return this;
    }

    public PortalApp AsCaseworkerWithoutOrganisation()
    {
        Actor.SignIn("caseworker-unlinked", null, Roles.Caseworker);
        return this;
    }

    /// <summary>A form a family could really post: every field well formed, two of the organisation's own categories.</summary>
    public SubmitAccessRequestCommand ValidAccessRequest(string code = "STK", Guid? submissionId = null) =>
        new(
            code,
            submissionId ?? Guid.NewGuid(),
            RequesterRole.ParentCarer,
            "Pat Testparent",
            "pat.testparent@example.org",
            "Ada Testchild",
            new DateOnly(2014, 3, 27),
            "Example Primary School",
            CategoryCodes(code).Take(2).ToList(),
            "Reports and letters from 2024 onwards");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>The signed-in person, switched by each test.</summary>
public sealed class TestActor : ICurrentActor
{
    private volatile IReadOnlySet<string> roles = new HashSet<string>();

    public bool IsAuthenticated { get; set; }
    public string? UserId { get; set; }
    public Guid? OrganisationId { get; set; }

    public IReadOnlySet<string> Roles
    {
        get => roles;
        set => roles = value;
    }

    public bool IsInRole(string role) => roles.Contains(role);

    /// <summary>Set by <see cref="PortalApp.AsFamily"/>: the family proved this address with a code.</summary>
    public string? VerifiedFamilyEmail { get; set; }

    public void SignIn(string userId, Guid? organisationId, params string[] inRoles)
    {
        IsAuthenticated = true;
        VerifiedFamilyEmail = null;
        UserId = userId;
        OrganisationId = organisationId;
        Roles = inRoles.ToHashSet();
    }

    public void SignOut()
    {
        IsAuthenticated = false;
        VerifiedFamilyEmail = null;
        UserId = null;
        OrganisationId = null;
        Roles = new HashSet<string>();
    }
}

/// <summary>Every formatted log message (with any exception text), from every category and level. The category is left
/// out on purpose: a generic behaviour's category names the request type, which would satisfy "the log names the request".</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose()
    {
    }

    private sealed class Capturing(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
