using System.Collections.Concurrent;
using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Staff;
using RightsPortal.Web.Components.Shared;
using RightsPortal.Web.Infrastructure;
using RightsPortal.Web.Infrastructure.Oversight;

namespace RightsPortal.Web.Tests;

/// <summary>The hosted deadline watcher on a fake clock, and the staff member's reminders page.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class DeadlineWatcherTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Caseworker = "bunit-caseworker";
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly Actor actor = new();
    private readonly Logs logs = new();
    private ServiceProvider services = null!;
    private Guid stoke;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPortalDatabase(connection);
        collection.AddApplication();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<ICurrentActor>(actor);
        services = collection.BuildServiceProvider();

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await PortalSeeder.SeedOrganisationsAsync(db);
        stoke = await db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync();
        var role = new IdentityRole(Roles.Caseworker) { NormalizedName = "CASEWORKER" };
        db.Roles.Add(role);
        db.Users.Add(new StaffUser { Id = Caseworker, UserName = Caseworker, Email = "caseworker@example.test", DisplayName = "Caseworker", OrganisationId = stoke });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = Caseworker, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connection.DisposeAsync();
    }

    private DeadlineWatcher Watcher(int minutes = 60) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(new PortalOptions { DeadlineWatchMinutes = minutes }), logs);

    private async Task<Guid> StartedRequestAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        actor.SignOut();
        var receipt = await mediator.Send(new SubmitAccessRequestCommand("STK", Guid.NewGuid(), RequesterRole.ParentCarer, "Watch Parent", "watch.parent@example.org",
            "Watch Child", new DateOnly(2017, 3, 27), null, ["health"], null));
        actor.SignIn(stoke);
        var detail = await mediator.Send(new GetRequestDetailQuery(receipt.RequestId));
        await mediator.Send(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Known family"));
        actor.SignOut();
        return receipt.RequestId;
    }

    private async Task<List<StaffReminder>> RemindersAsync()
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.StaffReminders.AsNoTracking().ToListAsync();
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task WaitForLogsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (logs.Messages.Count(m => m.StartsWith("Deadline watch", StringComparison.Ordinal)) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(count, logs.Messages.Count(m => m.StartsWith("Deadline watch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_watcher_runs_at_start_then_on_its_schedule_and_keeps_going_after_a_failure()
    {
        await StartedRequestAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 7, 0, 0, TimeSpan.Zero)); // 5 working days before Thu 2 Apr
        var watcher = Watcher();
        using var stopping = new CancellationTokenSource();

        await watcher.StartAsync(stopping.Token);
        await WaitForLogsAsync(1); // on start
        Assert.Equal(2, (await RemindersAsync()).Count); // the 5-day reminder and the extension decision

        await Task.Delay(300); // let the watcher start waiting for its next turn before the clock moves
        await ExecuteSqlAsync("CREATE TRIGGER refuse_reminder BEFORE INSERT ON StaffReminders BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero)); // past the schedule: the 1-day reminder is due
        await WaitForLogsAsync(2);
        Assert.Contains(logs.Messages, m => m.StartsWith("Deadline watch failed", StringComparison.Ordinal) && m.Contains("DbUpdateException", StringComparison.Ordinal));

        await Task.Delay(300);
        await ExecuteSqlAsync("DROP TRIGGER refuse_reminder;");
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200);
        Assert.Equal(2, logs.Messages.Count(m => m.StartsWith("Deadline watch", StringComparison.Ordinal))); // not yet an hour
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForLogsAsync(3);
        Assert.Equal(3, (await RemindersAsync()).Count);

        await stopping.CancelAsync();
        await watcher.StopAsync(CancellationToken.None);
        Assert.All(logs.Messages, m => Assert.DoesNotContain("Watch Child", m, StringComparison.Ordinal));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("watch.parent", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Set_to_zero_minutes_the_watcher_is_off()
    {
        await StartedRequestAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 7, 0, 0, TimeSpan.Zero));
        var watcher = Watcher(minutes: 0);

        await watcher.StartAsync(CancellationToken.None);
        await (watcher.ExecuteTask ?? Task.CompletedTask);

        Assert.Empty(await RemindersAsync());
        Assert.Contains(logs.Messages, m => m.Contains("deadline watcher is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reminders_page_lists_the_staff_members_reminders_newest_first_and_marks_them_read()
    {
        var request = await StartedRequestAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 19, 7, 0, 0, TimeSpan.Zero));
        Assert.NotNull(await Watcher().RunOnceAsync(CancellationToken.None));
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 7, 0, 0, TimeSpan.Zero));
        Assert.NotNull(await Watcher().RunOnceAsync(CancellationToken.None));
        actor.SignIn(stoke);

        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddPortalDatabase(connection);
        ctx.Services.AddApplication();
        ctx.Services.AddSingleton<TimeProvider>(clock);
        ctx.Services.AddSingleton<ICurrentActor>(actor);
        ctx.Services.AddScoped<ReminderCounter>();
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Reminders>(1);
            b.CloseComponent();
        });

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=reminder]").Count));
        Assert.Equal("2 unread reminders", cut.Find("[data-testid=unread-count]").TextContent.Trim());
        var texts = cut.FindAll("[data-testid=reminder-text]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("The response is due in 5 working days", texts[0], StringComparison.Ordinal); // newest first
        Assert.Contains("decide on an extension", texts[1], StringComparison.Ordinal);
        Assert.All(cut.FindAll("[data-testid=reminder-link]"), a => Assert.Equal($"/casework/requests/{request}", a.GetAttribute("href")));

        cut.FindAll("[data-testid=mark-read]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal("1 unread reminder", cut.Find("[data-testid=unread-count]").TextContent.Trim()));
        Assert.Equal(["yes", "no"], cut.FindAll("[data-testid=reminder]").Select(r => r.GetAttribute("data-read")));
        Assert.Single(cut.FindAll("[data-testid=mark-read]"));
        Assert.Equal(1, (await RemindersAsync()).Count(r => r.ReadAt is not null));
        Assert.DoesNotContain("Watch Child", cut.Markup, StringComparison.Ordinal);
    }

    private sealed class Actor : ICurrentActor
    {
        public Guid? OrganisationId { get; private set; }
        public bool IsAuthenticated => OrganisationId is not null;
        public string? UserId => IsAuthenticated ? Caseworker : null;
        public bool IsInRole(string role) => IsAuthenticated && role == Roles.Caseworker;
        public string? VerifiedFamilyEmail => null;

        public void SignIn(Guid organisation) => OrganisationId = organisation;

        public void SignOut() => OrganisationId = null;
    }

    private sealed class Logs : ILogger<DeadlineWatcher>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
