using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Casework;

namespace RightsPortal.Web.Tests;

/// <summary>The casework queue rendered by bUnit over the real pipeline and a migrated in-memory database.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class QueueComponentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly BunitContext ctx = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly StaffActor actor = new();

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddPortalDatabase(connection);
        ctx.Services.AddApplication();
        ctx.Services.AddSingleton<TimeProvider>(clock);
        ctx.Services.AddSingleton<ICurrentActor>(actor);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await PortalSeeder.SeedOrganisationsAsync(db);
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_lists_the_organisations_requests_by_reference()
    {
        var first = await SubmitAsync("STK", "Queue Child One");
        var second = await SubmitAsync("STK", "Queue Child Two");
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() =>
        {
            var references = cut.FindAll("[data-testid=queue-reference]").Select(a => a.TextContent.Trim()).ToList();
            Assert.Equal([first.Reference, second.Reference], references);
        });
        Assert.All([first.Reference, second.Reference], r => Assert.Matches(@"^STK-\d{4}-\d{6}$", r));
        Assert.Contains("Queue Child One", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Queue Child Two", cut.Markup, StringComparison.Ordinal);
        Assert.Equal($"/casework/requests/{first.RequestId}", cut.FindAll("[data-testid=queue-reference]")[0].GetAttribute("href"));
        Assert.Equal("yes", cut.Find("[data-testid=queue]").GetAttribute("data-interactive"));
        Assert.Empty(cut.FindAll("[data-testid=overdue]"));
    }

    [Fact]
    public async Task A_request_past_its_legal_deadline_is_marked_overdue()
    {
        var late = await SubmitAsync("STK", "Late Child");
        clock.Advance(TimeSpan.FromDays(40)); // received 2 March, due early April
        var daysOver = clock.UkToday().DayNumber - late.DueOn.DayNumber;
        Assert.True(daysOver > 1, $"due {late.DueOn}, today {clock.UkToday()}");
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() => Assert.Equal($"Overdue by {daysOver} days", cut.Find("[data-testid=overdue]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_request_due_soon_shows_the_days_left_and_is_not_overdue()
    {
        var soon = await SubmitAsync("STK", "Soon Child");
        clock.Advance(TimeSpan.FromDays(soon.DueOn.DayNumber - clock.UkToday().DayNumber - 2)); // two days before the deadline
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() => Assert.Contains("2 days left", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=overdue]"));
    }

    [Fact]
    public async Task With_no_requests_the_queue_says_none_match()
    {
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() => Assert.Contains("No requests match", cut.Find("[data-testid=queue-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=queue-reference]"));
    }

    [Fact]
    public async Task Another_organisations_requests_never_appear()
    {
        var stoke = (await SubmitAsync("STK", "Stoke Child")).Reference;
        var barnet = (await SubmitAsync("BAR", "Barnet Only Child")).Reference;
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() =>
            Assert.Equal([stoke], cut.FindAll("[data-testid=queue-reference]").Select(a => a.TextContent.Trim())));
        Assert.StartsWith("BAR-", barnet, StringComparison.Ordinal);
        Assert.DoesNotContain(barnet, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Barnet Only Child", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_another_organisations_requests_leave_the_queue_empty()
    {
        await SubmitAsync("BAR", "Barnet Only Child");
        await SignInAsync("STK");

        var cut = RenderQueue();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=queue-empty]")));
        Assert.DoesNotContain("Barnet Only Child", cut.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderQueue() =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<Queue>(1);
            b.CloseComponent();
        });

    private async Task<SubmissionReceipt> SubmitAsync(string code, string childName)
    {
        actor.SignedIn = false;
        await using var scope = ctx.Services.CreateAsyncScope();
        var receipt = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitAccessRequestCommand(
            code, Guid.NewGuid(), RequesterRole.ParentCarer, "Queue Parent", "queue.parent@example.org", childName, new DateOnly(2015, 1, 1), null,
            [code == "BAR" ? "sen" : "health"], null));
        return receipt;
    }

    private async Task SignInAsync(string code)
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        actor.OrganisationId = await db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
        actor.SignedIn = true;
    }

    private sealed class StaffActor : ICurrentActor
    {
        public bool SignedIn { get; set; }
        public Guid? OrganisationId { get; set; }
        public bool IsAuthenticated => SignedIn;
        public string? UserId => SignedIn ? "bunit-caseworker" : null;
        Guid? ICurrentActor.OrganisationId => SignedIn ? OrganisationId : null;
        public bool IsInRole(string role) => SignedIn && role == Roles.Caseworker;
        public string? VerifiedFamilyEmail => null;
    }
}
