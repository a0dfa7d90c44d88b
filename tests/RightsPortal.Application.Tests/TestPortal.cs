using System.Collections.Concurrent;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// The real Application layer (pipeline, handlers, migrations, seed) on a fresh in-memory SQLite database, with a
/// fake clock and a switchable signed-in person.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private TestPortal(SqliteConnection connection, ServiceProvider services, FakeTimeProvider clock, SwitchableActor actor, LogCapture logs)
    {
        this.connection = connection;
        Services = services;
        Clock = clock;
        Actor = actor;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public SwitchableActor Actor { get; }
    public LogCapture Logs { get; }

    public static async Task<TestPortal> StartAsync(DateTimeOffset? now = null, Action<IServiceCollection>? configure = null)
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var actor = new SwitchableActor();
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddPortalDatabase(connection);
        services.AddApplication();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ICurrentActor>(actor);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        return new TestPortal(connection, provider, clock, actor, logs);
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public PortalDb Db() => Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

    public async Task<Guid> OrganisationIdAsync(string code)
    {
        await using var db = Db();
        return await db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
    }

    public TestPortal AsPublic() { Actor.SignOut(); return this; }

    public async Task<TestPortal> AsCaseworkerAsync(string code) { Actor.SignIn("caseworker-" + code, await OrganisationIdAsync(code), Roles.Caseworker); return this; }

    public async Task<TestPortal> AsDpoAsync(string code) { Actor.SignIn("dpo-" + code, await OrganisationIdAsync(code), Roles.Dpo); return this; }

    public TestPortal AsAdministrator() { Actor.SignIn("admin", null, Roles.Administrator); return this; }

    public static SubmitAccessRequestCommand AccessRequest(string code = "STK", Guid? submissionId = null, string subjectName = "Ada Testchild", string email = "parent@example.org") =>
        new(code, submissionId ?? Guid.NewGuid(), RequesterRole.ParentCarer, "Pat Testparent", email, subjectName,
            new DateOnly(2014, 3, 27), "Example Primary", code switch { "BAR" => ["sen"], "HHJ" => ["ehc"], _ => ["contact-details", "health"] }, "Reports from 2024");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}

public sealed class SwitchableActor : ICurrentActor
{
    private HashSet<string> roles = [];

    public bool IsAuthenticated { get; private set; }
    public string? UserId { get; private set; }
    public Guid? OrganisationId { get; private set; }

    public bool IsInRole(string role) => roles.Contains(role);

    public void SignIn(string userId, Guid? organisationId, params string[] inRoles)
    {
        IsAuthenticated = true;
        UserId = userId;
        OrganisationId = organisationId;
        roles = [.. inRoles];
    }

    public void SignOut()
    {
        IsAuthenticated = false;
        UserId = null;
        OrganisationId = null;
        roles = [];
    }
}

public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose() { }

    private sealed class Capturing(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
