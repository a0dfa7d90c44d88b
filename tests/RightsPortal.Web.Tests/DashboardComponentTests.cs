using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Oversight.Dashboard;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Oversight.Dashboard;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The oversight dashboard rendered by bUnit over the real pipeline and a migrated in-memory database. Today is
/// Wed 15 Apr 2026. Stoke: J (access, received Mon 9 Mar, limit Thu 9 Apr: overdue by 6 days) and A (access, received
/// Mon 5 Jan, answered on time Fri 30 Jan). Barnet: BB (access, received Mon 2 Mar, limit Thu 2 Apr: overdue).
/// </summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class DashboardComponentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly BunitContext ctx = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 4, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly Staff actor = new();
    private BunitAuthorizationContext authorization = default!;
    private RightsRequest j = default!;

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
        authorization = ctx.AddAuthorization();
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        await using (var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        j = await DashboardSeed.AddAsync(ctx.Services, "STK", Right.Access, Channel.Email, new DateOnly(2026, 3, 9), "STK-2026-J",
            (r, on) => r.ProceedWithoutIdentity(DashboardSeed.Known, on(r.ReceivedOn)));
        await DashboardSeed.AddAsync(ctx.Services, "STK", Right.Access, Channel.WebForm, new DateOnly(2026, 1, 5), "STK-2026-A",
            (r, on) => DashboardSeed.Complied(r, on, new DateOnly(2026, 1, 30)));
        await DashboardSeed.AddAsync(ctx.Services, "BAR", Right.Access, Channel.Letter, new DateOnly(2026, 3, 2), "BAR-2026-BB",
            (r, on) => r.ProceedWithoutIdentity(DashboardSeed.Known, on(r.ReceivedOn)));
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_dpo_sees_their_overdue_request_linked_to_its_case_and_nothing_of_another_organisation()
    {
        await SignInAsync("STK", Roles.Dpo);

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=figure-table]")));
        var overdue = List(cut, "overdue");
        Assert.Equal("1", overdue.QuerySelector("[data-testid=glance-total]")!.TextContent.Trim());
        var link = overdue.QuerySelector("a[data-testid=glance-reference]")!;
        Assert.Equal("STK-2026-J", link.TextContent.Trim());
        Assert.Equal($"/casework/requests/{j.Id}", link.GetAttribute("href"));
        Assert.Equal("Overdue by 6 days", overdue.QuerySelector("[data-testid=glance-when]")!.TextContent.Trim());
        Assert.Contains("Thu 9 Apr 2026", overdue.TextContent, StringComparison.Ordinal);
        Assert.Equal("/oversight/export/overdue.csv", overdue.QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));

        Assert.DoesNotContain("BAR-2026-BB", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Dashboardchild", cut.Markup, StringComparison.Ordinal); // no family's names on the dashboard
        Assert.Empty(cut.FindAll("[data-testid=pick-organisation]"));
        Assert.Equal("yes", cut.Find("[data-testid=oversight]").GetAttribute("data-interactive"));
        Assert.Contains("Stoke-on-Trent City Council", cut.Find("[data-testid=glance-scope]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Wednesday 15 April 2026", cut.Find("[data-testid=glance-scope]").TextContent, StringComparison.Ordinal);
        // An empty list says so in words rather than showing an empty table.
        Assert.Contains("none", List(cut, "paused").TextContent, StringComparison.Ordinal);
        Assert.Empty(List(cut, "paused").QuerySelectorAll("table"));
    }

    [Fact]
    public async Task The_figures_show_every_table_with_a_caption_and_a_csv_link_for_the_same_period()
    {
        await SignInAsync("STK", Roles.Dpo);

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=figure-table]")));
        Assert.Contains("May 2025 to Apr 2026 (to Wed 15 Apr 2026)", cut.Find("[data-testid=figures-scope]").TextContent, StringComparison.Ordinal);
        Assert.Equal(DashboardTables.FigureKeys, cut.FindAll("[data-testid=figure-table]").Select(t => t.GetAttribute("data-key")));

        var timeliness = Figure(cut, DashboardTables.Timeliness);
        Assert.StartsWith("Responses on time", timeliness.QuerySelector("caption")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(timeliness.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var whole = timeliness.QuerySelectorAll("tbody tr")[^1];
        Assert.Equal("row", whole.QuerySelector("th")!.GetAttribute("scope"));
        // A answered on time on 30 Jan, 25 days after it arrived: 1 response, 1 on time, 100%.
        Assert.Equal(["Whole period", "1", "1", "0", "100", "1", "1", "0", "100", "25", "25"], whole.Children.Select(c => c.TextContent.Trim()));
        // April has no responses: its percentages are shown as a dash, not 0.
        var april = timeliness.QuerySelectorAll("tbody tr")[11];
        Assert.Equal(["Apr 2026", "0", "0", "0", "–"], april.Children.Take(5).Select(c => c.TextContent.Trim()));
        Assert.Equal("/oversight/export/timeliness.csv?from=2025-05&to=2026-04", timeliness.QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));

        // Both J and A were received in the period: Jan 1, Mar 1.
        var chart = cut.Find("[data-testid=received-chart]");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("Jan 2026 1, Feb 2026 0, Mar 2026 1, Apr 2026 0", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("Jan 2026 100%, Feb 2026 no responses", cut.Find("[data-testid=on-time-chart]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("No response refused anything in this period.", Figure(cut, DashboardTables.RefusalReasons).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headings_go_down_one_level_at_a_time()
    {
        await SignInAsync("STK", Roles.Dpo);

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=figure-table]")));
        var levels = cut.FindAll("h1, h2, h3, h4, h5, h6").Select(h => h.TagName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} is followed by h{pair.Second}"));
        Assert.All(cut.FindAll("table"), table => Assert.NotNull(table.QuerySelector("caption")));
    }

    [Fact]
    public async Task Choosing_a_shorter_period_counts_just_those_months_and_a_backwards_one_is_explained()
    {
        await SignInAsync("STK", Roles.Dpo);
        var cut = RenderDashboard();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=figure-table]")));

        var selects = cut.FindComponents<MudSelect<ReportMonth>>();
        await cut.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(new ReportMonth(2026, 1)));
        await cut.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync(new ReportMonth(2026, 3)));

        cut.WaitForAssertion(() => Assert.Contains("Jan 2026 to Mar 2026", cut.Find("[data-testid=figures-scope]").TextContent, StringComparison.Ordinal));
        var byRight = Figure(cut, DashboardTables.ReceivedByRight);
        Assert.Equal(["Right", "Jan 2026", "Feb 2026", "Mar 2026", "Total"], byRight.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["All requests", "1", "0", "1", "2"], byRight.QuerySelectorAll("tbody tr")[^1].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("/oversight/export/received-by-right.csv?from=2026-01&to=2026-03", byRight.QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));

        await cut.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(new ReportMonth(2026, 4)));

        cut.WaitForAssertion(() => Assert.Contains("must end in the same month it starts or later", cut.Find("[data-testid=oversight-problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_sees_every_organisation_with_whose_each_row_is_and_can_pick_one()
    {
        await SignInAsync(null, Roles.Administrator);

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.Equal("2", List(cut, "overdue").QuerySelector("[data-testid=glance-total]")!.TextContent.Trim()));
        Assert.NotEmpty(cut.FindAll("[data-testid=pick-organisation]"));
        var overdue = List(cut, "overdue");
        Assert.Contains("Organisation", overdue.QuerySelector("thead")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["BAR-2026-BB", "STK-2026-J"], overdue.QuerySelectorAll("[data-testid=glance-reference]").Select(e => e.TextContent.Trim()));
        Assert.Empty(overdue.QuerySelectorAll("a[data-testid=glance-reference]")); // administrators do not open families' cases
        Assert.Contains("All organisations", cut.Find("[data-testid=figures-scope]").TextContent, StringComparison.Ordinal);

        var pick = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => pick.Instance.ValueChanged.InvokeAsync("BAR"));

        cut.WaitForAssertion(() => Assert.Contains("London Borough of Barnet", cut.Find("[data-testid=figures-scope]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(["BAR-2026-BB"], List(cut, "overdue").QuerySelectorAll("[data-testid=glance-reference]").Select(e => e.TextContent.Trim())));
        Assert.Equal("/oversight/export/overdue.csv?org=BAR", List(cut, "overdue").QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));
        Assert.Equal("/oversight/export/outcomes.csv?from=2025-05&to=2026-04&org=BAR", Figure(cut, DashboardTables.Outcomes).QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));
    }

    [Fact]
    public void A_long_list_says_how_many_of_its_rows_are_shown()
    {
        var row = new GlanceRow(Guid.NewGuid(), "STK-2026-000001", "STK", Right.Access, RequestStatus.InProgress, new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 2), null, -13);
        var list = new GlanceList("overdue", GlanceGroups.Requests, "Overdue", "Past the legal limit.", 120, [row]);

        var cut = ctx.Render<GlanceListView>(p => p.Add(c => c.List, list).Add(c => c.CanOpenCases, true));

        Assert.Contains("Overdue: 120 (the first 1 shown)", cut.Find("caption").TextContent.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("Overdue by 13 days", cut.Find("[data-testid=glance-when]").TextContent.Trim());
    }

    [Theory]
    [InlineData(0, "Due today")]
    [InlineData(1, "1 day left")]
    [InlineData(4, "4 days left")]
    [InlineData(-1, "Overdue by 1 day")]
    [InlineData(-30, "Overdue by 30 days")]
    public void When_a_limit_falls_is_said_in_words(int daysLeft, string words)
    {
        Assert.Equal(words, GlanceListView.When(daysLeft));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderDashboard() =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<OversightDashboard>(1);
            b.CloseComponent();
        });

    private static AngleSharp.Dom.IElement List(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string key) =>
        cut.Find($"[data-testid=glance-list][data-key={key}]");

    private static AngleSharp.Dom.IElement Figure(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string key) =>
        cut.Find($"[data-testid=figure-table][data-key={key}]");

    private async Task SignInAsync(string? code, string role)
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        actor.OrganisationId = code is null ? null : await db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
        actor.Role = role;
        authorization.SetAuthorized("bunit-" + role);
        authorization.SetRoles(role);
    }

    private sealed class Staff : ICurrentActor
    {
        public string? Role { get; set; }
        public Guid? OrganisationId { get; set; }
        public bool IsAuthenticated => Role is not null;
        public string? UserId => Role is null ? null : $"bunit-{Role}";
        Guid? ICurrentActor.OrganisationId => Role is null ? null : OrganisationId;
        public bool IsInRole(string role) => Role == role;
        public string? VerifiedFamilyEmail => null;
    }
}
