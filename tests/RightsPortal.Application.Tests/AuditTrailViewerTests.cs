using System.Globalization;
using FluentValidation;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

/// <summary>
/// The audit-log viewer over a known trail: three family submissions (two to Stoke, one to the school) through the real
/// pipeline, then rows appended as staff would leave them, on known days.
/// </summary>
public sealed class AuditTrailViewerTests
{
    [Fact]
    public async Task A_DPO_sees_only_their_organisations_rows_newest_first()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var stoke = await app.AsDpo("STK").SendAsync(new GetAuditTrailQuery());
        var school = await app.AsDpo("HHJ").SendAsync(new GetAuditTrailQuery());

        Assert.Equal([trail.R8, trail.R6, trail.R5, trail.R4, trail.R2, trail.R1], stoke.Rows.Select(r => r.Id));
        Assert.Equal(6, stoke.Total);
        Assert.Equal([trail.R7, trail.R3], school.Rows.Select(r => r.Id));
        Assert.Equal(2, school.Total);
        Assert.DoesNotContain(stoke.Rows, r => r.CaseReference == trail.HhjReference);
        Assert.All(stoke.Rows, r => Assert.Equal("STK", r.OrganisationCode));
    }

    [Fact]
    public async Task An_administrator_sees_every_row_including_the_portals_own()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var all = await app.AsAdministrator().SendAsync(new GetAuditTrailQuery(PageSize: 100));

        Assert.Equal(9, all.Total);
        Assert.Equal([trail.R8, trail.R9, trail.R7, trail.R6, trail.R5, trail.R4, trail.R3, trail.R2, trail.R1], all.Rows.Select(r => r.Id));
        var portalRow = all.Rows.Single(r => r.Id == trail.R9);
        Assert.Null(portalRow.OrganisationCode);
        Assert.Equal("Pat Administrator", portalRow.Actor);
        Assert.Equal(trail.HhjReference, all.Rows.Single(r => r.Id == trail.R7).CaseReference);
    }

    [Fact]
    public async Task Rows_show_display_names_phrases_and_case_references_not_ids()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var rows = (await app.AsDpo("STK").SendAsync(new GetAuditTrailQuery())).Rows;

        var extension = rows.Single(r => r.Id == trail.R4);
        Assert.Equal("Casey Worker", extension.Actor);
        Assert.Equal("cw-stk", extension.ActorId);
        Assert.Equal("Extend deadline", extension.ActionName);
        Assert.Equal(trail.ReferenceA, extension.CaseReference);
        var submission = rows.Single(r => r.Id == trail.R1);
        Assert.Equal("A family or member of the public", submission.Actor);
        Assert.Equal("Submit access request", submission.ActionName);
        Assert.Equal("Succeeded", submission.Outcome);
        Assert.Equal("Update clock settings", rows.Single(r => r.Id == trail.R6).ActionName);
        Assert.Null(rows.Single(r => r.Id == trail.R6).CaseReference);
    }

    [Fact]
    public async Task The_case_filter_finds_the_case_by_its_reference_only_within_the_organisation()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);
        app.AsDpo("STK");

        var caseA = await app.SendAsync(new GetAuditTrailQuery(CaseReference: trail.ReferenceA));
        var typedLoosely = await app.SendAsync(new GetAuditTrailQuery(CaseReference: " " + trail.ReferenceA.ToLowerInvariant() + " "));
        var schoolCase = await app.SendAsync(new GetAuditTrailQuery(CaseReference: trail.HhjReference));
        var noSuchCase = await app.SendAsync(new GetAuditTrailQuery(CaseReference: "STK-2026-999999"));

        Assert.Equal([trail.R8, trail.R4, trail.R1], caseA.Rows.Select(r => r.Id));
        Assert.False(caseA.CaseNotFound);
        Assert.Equal(caseA.Rows.Select(r => r.Id), typedLoosely.Rows.Select(r => r.Id));
        Assert.True(schoolCase.CaseNotFound);
        Assert.Empty(schoolCase.Rows);
        Assert.Equal(0, schoolCase.Total);
        Assert.True(noSuchCase.CaseNotFound);

        var asAdministrator = await app.AsAdministrator().SendAsync(new GetAuditTrailQuery(CaseReference: trail.HhjReference));
        Assert.Equal([trail.R7, trail.R3], asAdministrator.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_person_filter_shows_that_persons_rows_and_never_another_organisations()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);
        app.AsDpo("STK");

        var casey = await app.SendAsync(new GetAuditTrailQuery(ActorId: "cw-stk"));
        var families = await app.SendAsync(new GetAuditTrailQuery(ActorId: AuditNames.PublicActor));
        var schoolCaseworker = await app.SendAsync(new GetAuditTrailQuery(ActorId: "cw-hhj"));

        Assert.Equal([trail.R8, trail.R5, trail.R4], casey.Rows.Select(r => r.Id));
        Assert.All(casey.Rows, r => Assert.Equal("Casey Worker", r.Actor));
        Assert.Equal([trail.R2, trail.R1], families.Rows.Select(r => r.Id));
        Assert.Empty(schoolCaseworker.Rows);
    }

    [Fact]
    public async Task The_action_filter_shows_only_that_action()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var extensions = await app.AsDpo("STK").SendAsync(new GetAuditTrailQuery(Action: "ExtendDeadlineCommand"));
        var everywhere = await app.AsAdministrator().SendAsync(new GetAuditTrailQuery(Action: "ExtendDeadlineCommand"));

        Assert.Equal([trail.R4], extensions.Rows.Select(r => r.Id));
        Assert.Equal([trail.R7, trail.R4], everywhere.Rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData("2026-03-04", "2026-03-04", "R5")]
    [InlineData("2026-03-03", "2026-03-05", "R6 R5 R4")]
    [InlineData("2026-03-05", null, "R8 R6")]
    [InlineData(null, "2026-03-02", "R2 R1")]
    [InlineData("2026-06-02", "2026-06-02", "R8")] // 23:30 UTC on 1 June is 00:30 BST on 2 June
    [InlineData("2026-06-01", "2026-06-01", "")]
    public async Task The_date_filter_takes_whole_UK_days_from_and_to_inclusive(string? from, string? to, string expected)
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var page = await app.AsDpo("STK").SendAsync(new GetAuditTrailQuery(From: Date(from), To: Date(to)));

        Assert.Equal(trail.Ids(expected), page.Rows.Select(r => r.Id));
        Assert.Equal(page.Rows.Count, page.Total);
    }

    [Fact]
    public async Task Filters_combine()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);

        var page = await app.AsDpo("STK").SendAsync(new GetAuditTrailQuery(CaseReference: trail.ReferenceA, ActorId: "cw-stk", From: new DateOnly(2026, 3, 3)));

        Assert.Equal([trail.R8, trail.R4], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_newest_first_with_the_full_count()
    {
        await using var app = await PortalApp.StartAsync();
        var trail = await KnownTrailAsync(app);
        app.AsDpo("STK");

        var pages = new List<AuditTrailPage>();
        for (var page = 0; page < 4; page++)
        {
            pages.Add(await app.SendAsync(new GetAuditTrailQuery(Page: page, PageSize: 2)));
        }

        Assert.Equal([trail.R8, trail.R6], pages[0].Rows.Select(r => r.Id));
        Assert.Equal([trail.R5, trail.R4], pages[1].Rows.Select(r => r.Id));
        Assert.Equal([trail.R2, trail.R1], pages[2].Rows.Select(r => r.Id));
        Assert.Empty(pages[3].Rows);
        Assert.All(pages, p => Assert.Equal(6, p.Total));
    }

    [Fact]
    public async Task The_filter_choices_name_the_organisations_own_staff_and_every_command()
    {
        await using var app = await PortalApp.StartAsync();
        await KnownTrailAsync(app);

        var stoke = await app.AsDpo("STK").SendAsync(new GetAuditTrailFiltersQuery());
        var all = await app.AsAdministrator().SendAsync(new GetAuditTrailFiltersQuery());

        Assert.False(stoke.AllOrganisations);
        Assert.Contains(new AuditFilterOption("cw-stk", "Casey Worker"), stoke.People);
        Assert.Contains(new AuditFilterOption(AuditNames.PublicActor, "A family or member of the public"), stoke.People);
        Assert.DoesNotContain(stoke.People, p => p.Value is "cw-hhj" or "admin-user");
        Assert.Contains(new AuditFilterOption("SubmitAccessRequestCommand", "Submit access request"), stoke.Actions);
        Assert.Contains(new AuditFilterOption(nameof(RecordPrivacyNoticeVersionCommand), "Record privacy notice version"), stoke.Actions);
        Assert.Contains(new AuditFilterOption(nameof(CheckAuditTrailCommand), "Check audit trail"), stoke.Actions);
        Assert.DoesNotContain(stoke.Actions, a => a.Value == nameof(GetAuditTrailQuery)); // queries leave no rows

        Assert.True(all.AllOrganisations);
        Assert.Contains(new AuditFilterOption("cw-hhj", "Sam Teacher (HHJ)"), all.People);
        Assert.Contains(new AuditFilterOption("admin-user", "Pat Administrator (portal)"), all.People);
    }

    [Fact]
    public async Task Dates_in_the_wrong_order_and_oversized_pages_are_refused()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsDpo("STK");

        var backwards = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new GetAuditTrailQuery(From: new DateOnly(2026, 3, 5), To: new DateOnly(2026, 3, 4))));
        Assert.Equal(["To"], backwards.Errors.Select(e => e.PropertyName));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new GetAuditTrailQuery(PageSize: 101)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new GetAuditTrailQuery(CaseReference: new string('S', 21))));
    }

    [Fact]
    public async Task Only_a_DPO_or_an_administrator_may_read_the_trail()
    {
        await using var app = await PortalApp.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetAuditTrailQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetAuditTrailFiltersQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetAuditTrailQuery()));
    }

    private static DateOnly? Date(string? iso) => iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record KnownTrail(long R1, long R2, long R3, long R4, long R5, long R6, long R7, long R8, long R9, string ReferenceA, string HhjReference)
    {
        public IEnumerable<long> Ids(string names) => names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n switch
        {
            "R1" => R1, "R2" => R2, "R4" => R4, "R5" => R5, "R6" => R6, "R8" => R8,
            _ => throw new ArgumentOutOfRangeException(nameof(names)),
        });
    }

    /// <summary>
    /// R1, R2: families submit Stoke cases A and B (Mon 2 Mar 2026 10:00); R3: a family submits a school case.
    /// R4 3 Mar: Casey extends A; R5 4 Mar: Casey asks for ID on B; R6 5 Mar: Stoke's DPO changes clock settings;
    /// R7 5 Mar: the school's caseworker extends its case; R8 1 Jun 23:30 UTC (2 Jun in the UK): Casey closes A;
    /// R9 6 Mar: the administrator issues an API key (no organisation).
    /// </summary>
    private static async Task<KnownTrail> KnownTrailAsync(PortalApp app)
    {
        var a = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var b = await app.SendAsync(app.ValidAccessRequest("STK"));
        var c = await app.SendAsync(app.ValidAccessRequest("HHJ"));
        var stk = app.OrganisationId("STK");
        var hhj = app.OrganisationId("HHJ");

        await using var db = app.Db();
        db.Users.AddRange(
            Staff("cw-stk", "Casey Worker", stk),
            Staff("dpo-stk-user", "Dana Officer", stk),
            Staff("cw-hhj", "Sam Teacher", hhj),
            Staff("admin-user", "Pat Administrator", null));
        await db.SaveChangesAsync();

        var ids = new List<long>();
        async Task AppendAsync(string at, string actor, string action, Guid? organisation, Guid? request)
        {
            await AuditLog.AppendAsync(db, new AuditEntry(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), actor, action, "Succeeded", organisation, request), CancellationToken.None);
            ids.Add(db.AuditEvents.Local.OrderBy(e => e.Id).Last().Id);
        }

        await AppendAsync("2026-03-03T09:00:00Z", "cw-stk", "ExtendDeadlineCommand", stk, a.RequestId);
        await AppendAsync("2026-03-04T09:00:00Z", "cw-stk", "RequestIdentityCommand", stk, b.RequestId);
        await AppendAsync("2026-03-05T09:00:00Z", "dpo-stk-user", "UpdateClockSettingsCommand", stk, null);
        await AppendAsync("2026-03-05T10:00:00Z", "cw-hhj", "ExtendDeadlineCommand", hhj, c.RequestId);
        await AppendAsync("2026-06-01T23:30:00Z", "cw-stk", "CloseRequestCommand", stk, a.RequestId);
        await AppendAsync("2026-03-06T09:00:00Z", "admin-user", "IssueApiKeyCommand", null, null);

        var first = db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToList();
        Assert.Equal(9, db.AuditEvents.Count());
        return new KnownTrail(first[0], first[1], first[2], ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], a.Reference, c.Reference);
    }

    private static StaffUser Staff(string id, string name, Guid? organisationId) => new()
    {
        Id = id,
        UserName = id + "@example.test",
        NormalizedUserName = (id + "@example.test").ToUpperInvariant(),
        Email = id + "@example.test",
        NormalizedEmail = (id + "@example.test").ToUpperInvariant(),
        DisplayName = name,
        OrganisationId = organisationId,
    };
}
