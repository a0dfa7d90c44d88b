using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Searches;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Application.Tests;

/// <summary>Service contacts answer the searches asked of their own service, through the real pipeline.</summary>
public sealed class ServiceContactTests
{
    private const string Psychology = "Educational Psychology Service"; // a service both Stoke and Barnet have
    private const string Sensory = "Sensory Teams";
    private static readonly DateOnly SearchDue = new(2026, 3, 20);

    [Fact]
    public async Task A_contact_sees_only_their_own_services_searches_in_their_own_organisation()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology, Sensory);
        var barnet = await CaseWithSearchesAsync(app, "BAR", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);

        AsContact(app, "contact-stk-ep", "STK");
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Equal(Psychology, mine.ServiceName);
        var search = Assert.Single(mine.Searches);
        Assert.Equal(stoke.RequestId, search.RequestId);
        Assert.Equal(stoke.Reference, search.Reference);
        Assert.Equal("See the records held (subject access)", search.Right);
        Assert.Equal("Ada Testchild", search.ChildName);
        Assert.Equal(new DateOnly(2014, 3, 27), search.ChildDateOfBirth);
        Assert.Equal(await CategoryNamesAsync(app, "STK", app.CategoryCodes("STK").Take(2)), search.DataCategories);
        Assert.Equal($"Search {Psychology} records", search.Instructions);
        Assert.Equal(new DateOnly(2026, 3, 2), search.AskedOn);
        Assert.Equal(SearchDue, search.DueOn);
        Assert.False(search.Overdue);
        Assert.True(search.IsOpen);
        Assert.Null(search.Findings);
        Assert.NotEqual(barnet.RequestId, search.RequestId);
    }

    [Fact]
    public async Task The_same_service_name_in_another_organisation_sees_only_its_own()
    {
        await using var app = await PortalApp.StartAsync();
        await CaseWithSearchesAsync(app, "STK", Psychology);
        var barnet = await CaseWithSearchesAsync(app, "BAR", Psychology);
        await AddContactAsync(app, "contact-bar-ep", "BAR", Psychology);

        AsContact(app, "contact-bar-ep", "BAR");
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Equal(barnet.Reference, Assert.Single(mine.Searches).Reference);
    }

    [Fact]
    public async Task The_listing_carries_no_requester_contact_details_or_case_timeline()
    {
        await using var app = await PortalApp.StartAsync();
        await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);

        AsContact(app, "contact-stk-ep", "STK");
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Single(mine.Searches);
        var json = JsonSerializer.Serialize(mine);
        Assert.DoesNotContain("pat.testparent@example.org", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pat Testparent", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Known family", json, StringComparison.Ordinal); // only in the timeline (why ID was not needed)
        Assert.DoesNotContain("Reports and letters", json, StringComparison.Ordinal); // the family's own words to the caseworker
        var fields = typeof(MySearch).GetProperties().Select(p => p.Name).ToList();
        Assert.DoesNotContain(fields, f => f.Contains("Email", StringComparison.OrdinalIgnoreCase)
            || f.Contains("Requester", StringComparison.OrdinalIgnoreCase)
            || f.Contains("Timeline", StringComparison.OrdinalIgnoreCase)
            || f.Contains("Event", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Open_searches_come_first_soonest_due_and_a_late_one_is_overdue()
    {
        await using var app = await PortalApp.StartAsync();
        var later = await CaseWithSearchesAsync(app, "STK", new DateOnly(2026, 3, 27), Psychology);
        var sooner = await CaseWithSearchesAsync(app, "STK", new DateOnly(2026, 3, 10), Psychology);
        var answered = await CaseWithSearchesAsync(app, "STK", new DateOnly(2026, 3, 9), Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var first = await app.SendAsync(new GetMySearchesQuery());
        var toAnswer = first.Searches.Single(s => s.RequestId == answered.RequestId);
        await app.SendAsync(new RecordFindingsAsServiceContactCommand(toAnswer.RequestId, toAnswer.TaskId, toAnswer.RequestVersion, "Nothing held"));

        app.Clock.Advance(TimeSpan.FromDays(10)); // Thu 12 Mar: the 10 March search is late
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Equal([sooner.Reference, later.Reference, answered.Reference], mine.Searches.Select(s => s.Reference));
        Assert.Equal([true, false, false], mine.Searches.Select(s => s.Overdue));
        Assert.Equal([true, true, false], mine.Searches.Select(s => s.IsOpen));
        Assert.Equal("Nothing held", mine.Searches[2].Findings);
        Assert.Equal(new DateOnly(2026, 3, 2), mine.Searches[2].CompletedOn);
    }

    [Fact]
    public async Task An_answered_search_stays_listed_for_30_days()
    {
        await using var app = await PortalApp.StartAsync();
        var answered = await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var search = Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);
        await app.SendAsync(new RecordFindingsAsServiceContactCommand(answered.RequestId, search.TaskId, search.RequestVersion, "Two reports"));

        app.Clock.Advance(TimeSpan.FromDays(30)); // answered Mon 2 Mar; Wed 1 Apr is day 30
        Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty((await app.SendAsync(new GetMySearchesQuery())).Searches);
    }

    [Fact]
    public async Task An_open_search_on_a_withdrawn_request_is_no_longer_listed()
    {
        await using var app = await PortalApp.StartAsync();
        var withdrawn = await CaseWithSearchesAsync(app, "STK", Psychology);
        var open = await CaseWithSearchesAsync(app, "STK", Psychology);
        app.AsCaseworker("STK");
        var version = (await app.SendAsync(new GetRequestDetailQuery(withdrawn.RequestId))).Version;
        await app.SendAsync(new WithdrawRequestCommand(withdrawn.RequestId, version, "The family phoned to withdraw"));
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);

        AsContact(app, "contact-stk-ep", "STK");
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Equal(open.Reference, Assert.Single(mine.Searches).Reference);
    }

    [Fact]
    public async Task A_contact_whose_account_names_no_service_sees_nothing()
    {
        await using var app = await PortalApp.StartAsync();
        await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-unlinked", "STK", null);

        AsContact(app, "contact-unlinked", "STK");
        var mine = await app.SendAsync(new GetMySearchesQuery());

        Assert.Null(mine.ServiceName);
        Assert.Empty(mine.Searches);
    }

    [Fact]
    public async Task A_contact_records_findings_on_their_search_with_one_audit_row_and_a_timeline_entry()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology, Sensory);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var search = Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);
        long auditBefore;
        await using (var db = app.Db())
        {
            auditBefore = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
        }

        var state = await app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, search.TaskId, search.RequestVersion, "Two EP reports, in the EP case file"));

        Assert.NotEqual(search.RequestVersion, state.Version);
        await using (var db = app.Db())
        {
            var rows = await db.AuditEvents.Where(e => e.Id > auditBefore).ToListAsync();
            var row = Assert.Single(rows);
            Assert.Equal(nameof(RecordFindingsAsServiceContactCommand), row.Action);
            Assert.Equal("Succeeded", row.Outcome);
            Assert.Equal("contact-stk-ep", row.ActorId);
            Assert.Equal(stoke.RequestId, row.RequestId);
            Assert.Equal(app.OrganisationId("STK"), row.OrganisationId);
        }

        app.AsCaseworker("STK");
        var detail = await app.SendAsync(new GetRequestDetailQuery(stoke.RequestId));
        Assert.Equal("Two EP reports, in the EP case file", detail.Searches.Single(s => s.ServiceName == Psychology).Findings);
        Assert.Equal(new DateOnly(2026, 3, 2), detail.Searches.Single(s => s.ServiceName == Psychology).CompletedOn);
        Assert.Null(detail.Searches.Single(s => s.ServiceName == Sensory).Findings);
        var entry = Assert.Single(detail.Timeline, t => t.What == "Search findings");
        Assert.Equal($"{Psychology} (STK)", entry.Who);
        Assert.Contains("Two EP reports", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_services_search_is_not_found_and_nothing_is_saved()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology, Sensory);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        app.AsCaseworker("STK");
        var detail = await app.SendAsync(new GetRequestDetailQuery(stoke.RequestId));
        var sensory = detail.Searches.Single(s => s.ServiceName == Sensory);

        AsContact(app, "contact-stk-ep", "STK");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, sensory.Id, detail.Version, "Not ours to say")));

        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == stoke.RequestId);
        Assert.Equal(detail.Version, request.Version);
        Assert.All(request.SearchTasks, t => Assert.Null(t.Findings));
        var refused = await db.AuditEvents.OrderBy(e => e.Id).LastAsync();
        Assert.Equal((nameof(RecordFindingsAsServiceContactCommand), "Refused"), (refused.Action, refused.Outcome));
    }

    [Fact]
    public async Task The_same_service_in_another_organisation_is_not_found()
    {
        await using var app = await PortalApp.StartAsync();
        var barnet = await CaseWithSearchesAsync(app, "BAR", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        app.AsCaseworker("BAR");
        var detail = await app.SendAsync(new GetRequestDetailQuery(barnet.RequestId));

        AsContact(app, "contact-stk-ep", "STK");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(barnet.RequestId, detail.Searches.Single().Id, detail.Version, "Not ours to say")));

        await using var db = app.Db();
        Assert.Null((await db.Requests.AsNoTracking().SingleAsync(r => r.Id == barnet.RequestId)).SearchTasks.Single().Findings);
    }

    [Fact]
    public async Task A_stale_page_is_a_conflict_and_saves_nothing()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var search = Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);

        app.AsCaseworker("STK"); // a colleague changes the case after the contact loaded the page
        await app.SendAsync(new AskServiceToSearchCommand(stoke.RequestId, search.RequestVersion, Sensory, "Hearing records", SearchDue));

        AsContact(app, "contact-stk-ep", "STK");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, search.TaskId, search.RequestVersion, "Two reports")));
        Assert.Null(Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches).Findings);
    }

    [Fact]
    public async Task Findings_are_required_and_at_most_4000_characters()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var search = Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);

        var empty = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, search.TaskId, search.RequestVersion, " ")));
        Assert.Contains(empty.Errors, e => e.PropertyName == "Findings" && e.ErrorMessage.Contains("nothing is held", StringComparison.Ordinal));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, search.TaskId, search.RequestVersion, new string('x', 4001))));
        Assert.Contains(tooLong.Errors, e => e.PropertyName == "Findings");

        await app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, search.TaskId, search.RequestVersion, new string('x', 4000)));
        Assert.Equal(4000, Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches).Findings!.Length);
    }

    [Fact]
    public async Task A_caseworker_cannot_use_the_service_contacts_list_or_send_findings_as_a_contact()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology);
        app.AsCaseworker("STK");
        var detail = await app.SendAsync(new GetRequestDetailQuery(stoke.RequestId));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMySearchesQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new RecordFindingsAsServiceContactCommand(stoke.RequestId, detail.Searches.Single().Id, detail.Version, "Two reports")));
        app.AsDpo("STK");
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMySearchesQuery()));
    }

    [Fact]
    public async Task A_service_contact_cannot_use_caseworker_queries_or_commands()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = await CaseWithSearchesAsync(app, "STK", Psychology);
        await AddContactAsync(app, "contact-stk-ep", "STK", Psychology);
        AsContact(app, "contact-stk-ep", "STK");
        var search = Assert.Single((await app.SendAsync(new GetMySearchesQuery())).Searches);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetRequestDetailQuery(stoke.RequestId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetQueueQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new RecordSearchFindingsCommand(stoke.RequestId, search.RequestVersion, search.TaskId, "Two reports")));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new AskServiceToSearchCommand(stoke.RequestId, search.RequestVersion, Sensory, "Hearing records", SearchDue)));
    }

    [Fact]
    public async Task Seeding_creates_one_service_contact_per_organisation_for_its_first_service_once()
    {
        await using var app = await PortalApp.StartAsync(configure: s => s.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>());

        await SeedDemoStaffAsync(app);
        int users;
        await using (var db = app.Db())
        {
            users = await db.Users.CountAsync();
        }

        await SeedDemoStaffAsync(app);

        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        await using var check = app.Db();
        Assert.Equal(users, await check.Users.CountAsync());
        Assert.Equal(1 + 3 * 3, users); // administrator; caseworker, DPO and service contact for each of three organisations
        foreach (var seed in DemoOrganisations.All())
        {
            var contact = await manager.FindByEmailAsync($"service.{seed.Code.ToLowerInvariant()}@rightsportal.test");
            Assert.NotNull(contact);
            var first = seed.Services[0].Name;
            Assert.Equal(first, contact.ServiceName);
            Assert.Equal($"{first} ({seed.Code})", contact.DisplayName);
            Assert.Equal(app.OrganisationId(seed.Code), contact.OrganisationId);
            Assert.True(await check.OrganisationServices.AnyAsync(s => s.OrganisationId == contact.OrganisationId && s.Name == contact.ServiceName));
            Assert.Equal([Roles.ServiceContact], await manager.GetRolesAsync(contact));
            Assert.True(await manager.CheckPasswordAsync(contact, PortalSeeder.DemoPassword));
        }

        Assert.Equal(3, (await manager.GetUsersInRoleAsync(Roles.ServiceContact)).Count);
    }

    private static async Task SeedDemoStaffAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = app.Db();
        await PortalSeeder.SeedDemoStaffAsync(db,
            scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
    }

    private sealed record Case(Guid RequestId, string Reference);

    private static Task<Case> CaseWithSearchesAsync(PortalApp app, string code, params string[] services) =>
        CaseWithSearchesAsync(app, code, SearchDue, services);

    /// <summary>A family's access request, started by a caseworker, with each service asked to search.</summary>
    private static async Task<Case> CaseWithSearchesAsync(PortalApp app, string code, DateOnly due, params string[] services)
    {
        app.AsPublic();
        var receipt = await app.SendAsync(app.ValidAccessRequest(code));
        app.AsCaseworker(code);
        var detail = await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var version = (await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Known family"))).Version;
        foreach (var service in services)
        {
            version = (await app.SendAsync(new AskServiceToSearchCommand(receipt.RequestId, version, service, $"Search {service} records", due))).Version;
        }

        app.AsPublic();
        return new Case(receipt.RequestId, receipt.Reference);
    }

    private static async Task AddContactAsync(PortalApp app, string userId, string code, string? service)
    {
        await using var db = app.Db();
        db.Users.Add(new StaffUser
        {
            Id = userId,
            UserName = userId + "@rightsportal.test",
            Email = userId + "@rightsportal.test",
            DisplayName = $"{service ?? "No service"} ({code})",
            OrganisationId = app.OrganisationId(code),
            ServiceName = service,
        });
        await db.SaveChangesAsync();
    }

    private static void AsContact(PortalApp app, string userId, string code) =>
        app.Actor.SignIn(userId, app.OrganisationId(code), Roles.ServiceContact);

    private static async Task<List<string>> CategoryNamesAsync(PortalApp app, string code, IEnumerable<string> codes)
    {
        var wanted = codes.ToList();
        await using var db = app.Db();
        return await db.DataCategories.Where(c => c.OrganisationId == app.OrganisationId(code) && wanted.Contains(c.Code))
            .OrderBy(c => c.Order).Select(c => c.Name).ToListAsync();
    }
}
