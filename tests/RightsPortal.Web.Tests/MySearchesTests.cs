using System.Net;
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
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Searches;

namespace RightsPortal.Web.Tests;

/// <summary>The service contact's searches page rendered by bUnit over the real pipeline and a migrated in-memory database.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class MySearchesTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Psychology = "Educational Psychology Service";
    private const string ContactId = "bunit-contact";
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly BunitContext ctx = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly SwitchableActor actor = new();

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
        var stoke = await db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync();
        actor.ContactOrganisation = stoke;
        db.Users.Add(new StaffUser { Id = ContactId, UserName = "ep@example.org", DisplayName = "EP (STK)", OrganisationId = stoke, ServiceName = Psychology });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task The_page_lists_the_services_open_searches_with_what_is_needed_to_search()
    {
        var (reference, _) = await CaseAsync("Mina Searchchild", Psychology, "Sensory Teams");
        var (other, _) = await CaseAsync("Other Service Child", "Sensory Teams");

        var cut = RenderAsContact();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=my-search]")));
        var search = cut.Find("[data-testid=my-search]");
        Assert.Equal(reference, search.QuerySelector("[data-testid=my-search-reference]")!.TextContent.Trim());
        Assert.Equal("Mina Searchchild, born Monday 27 March 2017", search.QuerySelector("[data-testid=my-search-child]")!.TextContent.Trim());
        Assert.Equal($"Search {Psychology} records", search.QuerySelector("[data-testid=my-search-instructions]")!.TextContent.Trim());
        Assert.Equal("Friday 20 March 2026", search.QuerySelector("[data-testid=my-search-due]")!.TextContent.Trim());
        Assert.Contains("See the records held (subject access)", search.TextContent, StringComparison.Ordinal);
        Assert.NotNull(search.QuerySelector("[data-testid=findings-input]"));
        Assert.NotNull(search.QuerySelector("[data-testid=send-findings]"));
        Assert.Null(search.QuerySelector("[data-testid=my-search-overdue]"));
        Assert.Contains($"Searches asked of {Psychology}", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("yes", cut.Find("[data-testid=my-searches]").GetAttribute("data-interactive"));
        Assert.DoesNotContain(other, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Service Child", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("searching.parent@example.org", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_search_is_marked_overdue()
    {
        await CaseAsync("Late Searchchild", Psychology);
        clock.Advance(TimeSpan.FromDays(19)); // Sat 21 Mar, the day after it was due

        var cut = RenderAsContact();

        cut.WaitForAssertion(() => Assert.Equal("Overdue: was due Fri 20 Mar 2026", cut.Find("[data-testid=my-search-overdue]").TextContent.Trim()));
    }

    [Fact]
    public async Task Sending_findings_saves_them_and_moves_the_search_to_answered()
    {
        var (_, requestId) = await CaseAsync("Mina Searchchild", Psychology);
        var cut = RenderAsContact();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=send-findings]")));

        cut.Find("textarea[data-testid=findings-input]").Input("Two EP reports in the EP case file");
        cut.Find("[data-testid=send-findings]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Two EP reports in the EP case file", cut.Find("[data-testid=my-search-findings]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=send-findings]"));
        Assert.NotNull(cut.Find("[data-testid=no-searches]"));
        Assert.Equal("Two EP reports in the EP case file", await FindingsAsync(requestId));
    }

    [Fact]
    public async Task A_colleagues_change_in_between_shows_the_conflict_message_and_saves_nothing()
    {
        var (_, requestId) = await CaseAsync("Mina Searchchild", Psychology);
        var cut = RenderAsContact();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=send-findings]")));

        // The caseworker asks another service while the contact has the page open: the case's version moves on.
        await SendAsCaseworkerAsync(async m =>
        {
            var detail = await m.Send(new GetRequestDetailQuery(requestId));
            await m.Send(new AskServiceToSearchCommand(requestId, detail.Version, "Sensory Teams", "Hearing records", new DateOnly(2026, 3, 20)));
        });
        actor.SignInAsContact();
        cut.Find("textarea[data-testid=findings-input]").Input("Two EP reports");
        cut.Find("[data-testid=send-findings]").Click();

        cut.WaitForAssertion(() => Assert.Equal(new ConcurrencyConflictException().Message, cut.Find("[data-testid=my-search-problem]").TextContent.Trim()));
        Assert.Null(await FindingsAsync(requestId));

        // The page has reloaded the case and kept what was typed: sending again works.
        cut.Find("[data-testid=send-findings]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=my-search-findings]")));
        Assert.Equal("Two EP reports", await FindingsAsync(requestId));
    }

    [Fact]
    public async Task Sending_no_findings_says_what_to_write()
    {
        var (_, requestId) = await CaseAsync("Mina Searchchild", Psychology);
        var cut = RenderAsContact();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=send-findings]")));

        cut.Find("[data-testid=send-findings]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Say what was found, where, or that nothing is held.", cut.Find("[data-testid=my-search-problem]").TextContent.Trim()));
        Assert.Null(await FindingsAsync(requestId));
    }

    [Fact]
    public void With_no_searches_the_page_says_nothing_is_waiting()
    {
        var cut = RenderAsContact();

        cut.WaitForAssertion(() => Assert.Contains("Nothing is waiting", cut.Find("[data-testid=no-searches]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=my-search]"));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderAsContact()
    {
        actor.SignInAsContact();
        return ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MySearches>(1);
            b.CloseComponent();
        });
    }

    /// <summary>A family's access request to Stoke, started by a caseworker, with each service asked to search by Fri 20 Mar.</summary>
    private async Task<(string Reference, Guid RequestId)> CaseAsync(string childName, params string[] services)
    {
        actor.SignOut();
        SubmissionReceipt receipt;
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            receipt = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitAccessRequestCommand(
                "STK", Guid.NewGuid(), RequesterRole.ParentCarer, "Searching Parent", "searching.parent@example.org", childName, new DateOnly(2017, 3, 27), null,
                ["health"], null));
        }

        await SendAsCaseworkerAsync(async m =>
        {
            var version = (await m.Send(new ProceedWithoutIdentityCommand(receipt.RequestId, (await m.Send(new GetRequestDetailQuery(receipt.RequestId))).Version, "Known family"))).Version;
            foreach (var service in services)
            {
                version = (await m.Send(new AskServiceToSearchCommand(receipt.RequestId, version, service, $"Search {service} records", new DateOnly(2026, 3, 20)))).Version;
            }
        });
        return (receipt.Reference, receipt.RequestId);
    }

    private async Task SendAsCaseworkerAsync(Func<IMediator, Task> work)
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        actor.SignInAsCaseworker(await db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync());
        await using var scope = ctx.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<IMediator>());
        actor.SignOut();
    }

    private async Task<string?> FindingsAsync(Guid requestId)
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == requestId)).SearchTasks.Single(t => t.ServiceName == Psychology).Findings;
    }

    private sealed class SwitchableActor : ICurrentActor
    {
        private string? role;
        private Guid? organisationId;
        private string? userId;

        public bool IsAuthenticated => role is not null;
        public string? UserId => userId;
        public Guid? OrganisationId => organisationId;
        public bool IsInRole(string inRole) => role == inRole;
        public string? VerifiedFamilyEmail => null;

        public void SignInAsCaseworker(Guid organisation) => (role, organisationId, userId) = (Roles.Caseworker, organisation, "bunit-caseworker");

        public void SignInAsContact() => (role, organisationId, userId) = (Roles.ServiceContact, ContactOrganisation, ContactId);

        public void SignOut() => (role, organisationId, userId) = (null, null, null);

        public Guid? ContactOrganisation { get; set; }
    }
}

/// <summary>The demo service contacts sign in and land on their searches, over HTTP.</summary>
public sealed class ServiceContactHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_service_contact_signs_in_and_staff_home_takes_them_to_their_searches()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        var signedIn = await form.PostAsync(client, [new("Input.Email", "service.stk@rightsportal.test"), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Contains(signedIn.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });

        var home = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/searches", new Uri(client.BaseAddress!, home.Headers.Location!).AbsolutePath);

        var searches = await client.GetAsync("/searches");
        Assert.Equal(HttpStatusCode.OK, searches.StatusCode);
        Assert.Contains("Searches asked of SENMAS casework team", await searches.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var queue = await client.GetAsync("/casework");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Contains("/Account/AccessDenied", queue.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_is_not_shown_the_service_contacts_page()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        await form.PostAsync(client, [new("Input.Email", "caseworker.stk@rightsportal.test"), new("Input.Password", PortalSeeder.DemoPassword)]);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        var searches = await client.GetAsync("/searches");
        Assert.Equal(HttpStatusCode.Redirect, searches.StatusCode);
        Assert.Contains("/Account/AccessDenied", searches.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
