using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Web.Components.Pages.Oversight;

namespace RightsPortal.Web.Tests;

/// <summary>Issue 7: the DPO's retention schedule page, on the real pipeline and a seeded database.</summary>
public sealed class RetentionScheduleComponentTests
{
    private const string SenFile = "SEN file, EHC plan and reviews";

    [Fact]
    public async Task The_page_shows_the_organisations_lines_and_the_portal_defaults_it_has_not_set()
    {
        await using var portal = await Portal.StartAsync();
        var cut = portal.Render<RetentionSchedule>();

        cut.WaitForAssertion(() => Assert.Equal("yes", cut.Find("[data-testid=retention-schedule]").GetAttribute("data-interactive")));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=schedule-line]")));
        var sen = cut.Find($"[data-testid=schedule-line][data-record-type='{SenFile}']");
        Assert.Equal(("31 years", "Reviewed by the DPO", "Your organisation"),
            (sen.QuerySelector("[data-testid=line-period]")!.TextContent, sen.QuerySelector("[data-testid=line-then]")!.TextContent, sen.QuerySelector("[data-testid=line-whose]")!.TextContent));
        var copies = cut.Find("[data-testid=schedule-line][data-record-type='Copies of emails sent']");
        Assert.Equal("Portal default", copies.QuerySelector("[data-testid=line-whose]")!.TextContent);
        Assert.NotNull(copies.QuerySelector("[data-testid=line-set]"));
        var messages = cut.Find("[data-testid=schedule-line][data-record-type='Messages on the case']");
        Assert.Null(messages.QuerySelector("button"));
        Assert.NotNull(cut.Find("[data-testid=no-history]"));
    }

    [Fact]
    public async Task Changing_a_line_without_a_reason_says_what_to_do_and_with_one_shows_the_change_in_the_history()
    {
        await using var portal = await Portal.StartAsync();
        var cut = portal.Render<RetentionSchedule>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=line-change]")));

        cut.Find($"[data-testid=schedule-line][data-record-type='{SenFile}'] [data-testid=line-change]").Click();
        cut.WaitForAssertion(() => Assert.Equal($"Change \"{SenFile}\"", cut.Find("[data-testid=editor-heading]").TextContent));
        cut.Find(Field("line-years")).Change("35");
        cut.Find("[data-testid=line-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Say why the schedule is changing", cut.Find("[data-testid=line-problem]").TextContent, StringComparison.Ordinal));

        cut.Find("textarea[data-testid=line-reason]").Change("Council records policy v4");
        cut.Find("[data-testid=line-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("35 years", cut.Find($"[data-testid=schedule-line][data-record-type='{SenFile}'] [data-testid=line-period]").TextContent));
        var entry = cut.Find("[data-testid=history-entry]");
        Assert.Equal("SEN file, EHC plan and reviews: 31 years from the date of birth, then reviewed by the DPO", entry.QuerySelector("[data-testid=history-before]")!.TextContent);
        Assert.Equal("SEN file, EHC plan and reviews: 35 years from the date of birth, then reviewed by the DPO", entry.QuerySelector("[data-testid=history-after]")!.TextContent);
        Assert.Equal("Council records policy v4", entry.QuerySelector("[data-testid=history-reason]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=line-problem]"));
    }

    [Fact]
    public async Task The_DPO_chooses_1_March_for_29_February_birthdays()
    {
        await using var portal = await Portal.StartAsync();
        var cut = portal.Render<RetentionSchedule>();
        cut.WaitForAssertion(() => Assert.Contains("28 February", cut.Find("[data-testid=leap-day-now]").TextContent, StringComparison.Ordinal));

        cut.FindAll("[data-testid=leap-day-choice] input[type=radio]")[1].Click(); // "1 March"
        cut.Find("textarea[data-testid=leap-reason]").Change("Legal advice");
        cut.Find("[data-testid=leap-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("ends on 1 March", cut.Find("[data-testid=leap-day-now]").TextContent, StringComparison.Ordinal));
        Assert.Equal("29 February birthdays", cut.Find("[data-testid=history-entry] h3").TextContent);
    }

    /// <summary>The input of a Mud field, wherever the component puts the test id.</summary>
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    /// <summary>The real pipeline and a migrated, seeded in-memory database under a fake clock, signed in as Stoke's DPO.</summary>
    private sealed class Portal : IAsyncDisposable
    {
        private readonly SqliteConnection connection = new("DataSource=:memory:");
        private readonly BunitContext ctx = new();
        private readonly Staff actor = new();

        public static async Task<Portal> StartAsync()
        {
            var portal = new Portal();
            await portal.connection.OpenAsync();
            var ctx = portal.ctx;
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddLogging();
            ctx.Services.AddPortalDatabase(portal.connection);
            ctx.Services.AddApplication();
            ctx.Services.AddSingleton<TimeProvider>(clock);
            ctx.Services.AddSingleton<ICurrentActor>(portal.actor);
            ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

            await using var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();
            await db.Database.MigrateAsync();
            await PortalSeeder.SeedOrganisationsAsync(db, clock: clock);
            portal.actor.OrganisationId = db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).Single();
            return portal;
        }

        public IRenderedComponent<Bunit.Rendering.ContainerFragment> Render<TPage>()
            where TPage : IComponent =>
            ctx.Render(b =>
            {
                b.OpenComponent<MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent<MudSnackbarProvider>(1);
                b.CloseComponent();
                b.OpenComponent<TPage>(2);
                b.CloseComponent();
            });

        public async ValueTask DisposeAsync()
        {
            await ctx.DisposeAsync();
            await connection.DisposeAsync();
        }

        private sealed class Staff : ICurrentActor
        {
            public Guid? OrganisationId { get; set; }
            public bool IsAuthenticated => true;
            public string? UserId => "bunit-dpo";
            public bool IsInRole(string role) => role == Roles.Dpo;
            public string? VerifiedFamilyEmail => null;
        }
    }
}
