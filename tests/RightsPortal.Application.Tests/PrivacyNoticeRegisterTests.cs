using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Application.Tests;

public sealed class PrivacyNoticeRegisterTests
{
    private const string SchoolNotice = "SEN and Safeguarding Privacy Notice";

    [Fact]
    public async Task Every_organisations_published_notice_is_present_once_after_seeding_twice_more()
    {
        await using var app = await PortalApp.StartAsync(); // seeded once already
        await using (var db = app.Db())
        {
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using (var db = app.Db())
        {
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using var check = app.Db();
        var notices = await check.PrivacyNotices.AsNoTracking().ToListAsync();
        Assert.Equal(5, notices.Count(n => n.OrganisationId == app.OrganisationId("HHJ")));
        Assert.Single(notices, n => n.OrganisationId == app.OrganisationId("STK"));
        Assert.Single(notices, n => n.OrganisationId == app.OrganisationId("BAR"));
        Assert.All(notices, n => Assert.Equal(PrivacyNoticeOrder.FromPublishedNotice, n.RecordedBy));
    }

    [Fact]
    public async Task The_schools_version_table_is_seeded_exactly_as_the_notice_gives_it()
    {
        await using var app = await PortalApp.StartAsync();

        await using var db = app.Db();
        var rows = (await db.PrivacyNotices.AsNoTracking().Where(n => n.OrganisationId == app.OrganisationId("HHJ")).ToListAsync())
            .OrderBy(n => n.Version, StringComparer.Ordinal)
            .Select(n => (n.Title, n.Version, n.Author, n.ApprovedBy, n.ApprovedOn, n.ReviewOn, n.Changes))
            .ToList();
        Assert.Equal(
        [
            (SchoolNotice, "V1", "Information Governance Team", "Information Governance Team", new DateOnly(2018, 6, 15), new DateOnly(2019, 9, 1), "No Changes"),
            (SchoolNotice, "V2", "IG Team", "IG Team", new DateOnly(2019, 9, 1), new DateOnly(2020, 9, 1), "No Changes"),
            (SchoolNotice, "V3", "IG Team", "IG Team", new DateOnly(2020, 9, 23), new DateOnly(2021, 9, 1), "Annual Review"),
            (SchoolNotice, "V4", "IG Team", "IG Team", new DateOnly(2021, 11, 10), new DateOnly(2022, 9, 1), "Minor formatting changes"),
            (SchoolNotice, "V5", "IG Team", "IG Team", new DateOnly(2022, 10, 28), new DateOnly(2024, 9, 1), "Legislation updated. Minor formatting Retention/storage"),
        ], rows.Select(r => (r.Title, r.Version, r.Author, r.ApprovedBy, r.ApprovedOn!.Value, r.ReviewOn!.Value, r.Changes)));
    }

    [Fact]
    public async Task The_councils_notices_keep_only_what_they_state_and_leave_the_rest_empty()
    {
        await using var app = await PortalApp.StartAsync();

        await using var db = app.Db();
        var stoke = await db.PrivacyNotices.AsNoTracking().SingleAsync(n => n.OrganisationId == app.OrganisationId("STK"));
        var barnet = await db.PrivacyNotices.AsNoTracking().SingleAsync(n => n.OrganisationId == app.OrganisationId("BAR"));
        Assert.Contains("SENMAS", stoke.Title, StringComparison.Ordinal);
        Assert.Equal("https://www.stoke.gov.uk", stoke.Url);
        Assert.Contains("SEND and Inclusion Services", barnet.Title, StringComparison.Ordinal);
        Assert.Equal("", barnet.Url);
        Assert.All([stoke, barnet], n =>
        {
            Assert.Equal("", n.Version);
            Assert.Equal("", n.Author);
            Assert.Equal("", n.ApprovedBy);
            Assert.Null(n.ApprovedOn);
            Assert.Null(n.ReviewOn);
            Assert.Equal("", n.Changes);
        });
    }

    [Fact]
    public async Task Seeding_again_keeps_a_version_the_DPO_recorded_and_adds_nothing()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("HHJ").SendAsync(Valid());
        await using (var db = app.Db())
        {
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using var check = app.Db();
        var versions = await check.PrivacyNotices.Where(n => n.OrganisationId == app.OrganisationId("HHJ")).Select(n => n.Version).ToListAsync();
        Assert.Equal(["V1", "V2", "V3", "V4", "V5", "V6"], versions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_school_DPO_sees_V5_in_force_with_its_review_overdue_since_1_September_2024()
    {
        await using var app = await PortalApp.StartAsync(); // Mon 2 Mar 2026

        var register = await app.AsDpo("HHJ").SendAsync(new GetPrivacyNoticeRegisterQuery());

        var school = Assert.Single(register.Organisations);
        Assert.Equal("HHJ", school.Code);
        var notice = Assert.Single(school.Notices);
        Assert.Equal(SchoolNotice, notice.Title);
        Assert.Equal("V5", notice.Current.Version);
        Assert.Equal(["V5", "V4", "V3", "V2", "V1"], notice.Versions.Select(v => v.Version));
        Assert.True(notice.ReviewOverdue);
        Assert.Equal(new DateOnly(2024, 9, 1), notice.Current.ReviewOn);
        Assert.Equal(1, register.OverdueCount);
        Assert.Equal(new DateOnly(2026, 3, 2), register.Today);
    }

    [Theory]
    [InlineData("2024-08-31T12:00:00Z", false)] // the day before the review date
    [InlineData("2024-09-01T22:59:00Z", false)] // 23:59 BST on the review date itself: not yet passed
    [InlineData("2024-09-01T23:30:00Z", true)]  // 00:30 BST on 2 September in the UK, though still 1 September in UTC
    [InlineData("2026-03-02T10:00:00Z", true)]
    public async Task The_review_is_overdue_only_once_the_review_date_has_passed_in_UK_time(string now, bool overdue)
    {
        await using var app = await PortalApp.StartAsync(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var register = await app.AsDpo("HHJ").SendAsync(new GetPrivacyNoticeRegisterQuery());

        Assert.Equal(overdue, Assert.Single(Assert.Single(register.Organisations).Notices).ReviewOverdue);
    }

    [Fact]
    public async Task A_notice_without_a_review_date_is_never_marked_overdue()
    {
        await using var app = await PortalApp.StartAsync();

        var register = await app.AsDpo("STK").SendAsync(new GetPrivacyNoticeRegisterQuery());

        var notice = Assert.Single(Assert.Single(register.Organisations).Notices);
        Assert.Null(notice.Current.ReviewOn);
        Assert.False(notice.ReviewOverdue);
        Assert.Equal(0, register.OverdueCount);
    }

    [Fact]
    public async Task Recording_a_new_version_puts_it_in_force_ends_the_alert_and_is_audited()
    {
        await using var app = await PortalApp.StartAsync();

        var id = await app.AsDpo("HHJ").SendAsync(Valid());

        var register = await app.SendAsync(new GetPrivacyNoticeRegisterQuery());
        var notice = Assert.Single(Assert.Single(register.Organisations).Notices);
        Assert.Equal(id, notice.Current.Id);
        Assert.Equal("V6", notice.Current.Version);
        Assert.Equal(new DateOnly(2027, 2, 1), notice.Current.ReviewOn);
        Assert.Equal("Annual review; sharing partners updated", notice.Current.Changes);
        Assert.False(notice.ReviewOverdue);
        Assert.Equal(6, notice.Versions.Count);
        Assert.False(notice.Current.FromPublishedNotice);
        Assert.Equal(PortalApp.DefaultNow, notice.Current.RecordedAt);

        await using var db = app.Db();
        var stored = await db.PrivacyNotices.AsNoTracking().SingleAsync(n => n.Id == id);
        Assert.Equal(app.OrganisationId("HHJ"), stored.OrganisationId);
        Assert.Equal("dpo-HHJ", stored.RecordedBy);
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync();
        Assert.Equal(nameof(RecordPrivacyNoticeVersionCommand), audit.Action);
        Assert.Equal("dpo-HHJ", audit.ActorId);
        Assert.Equal(app.OrganisationId("HHJ"), audit.OrganisationId);
        Assert.Equal("Succeeded", audit.Outcome);
    }

    [Fact]
    public async Task An_older_version_entered_later_for_the_record_does_not_displace_the_one_in_force()
    {
        await using var app = await PortalApp.StartAsync();

        await app.AsDpo("HHJ").SendAsync(Valid() with { Version = "V0", ApprovedOn = new DateOnly(2017, 6, 1), ReviewOn = new DateOnly(2018, 6, 1) });

        var notice = Assert.Single(Assert.Single((await app.SendAsync(new GetPrivacyNoticeRegisterQuery())).Organisations).Notices);
        Assert.Equal("V5", notice.Current.Version);
        Assert.Equal("V0", notice.Versions[^1].Version);
    }

    [Fact]
    public async Task A_council_DPO_records_the_first_dated_version_of_their_notice_and_a_new_notice()
    {
        await using var app = await PortalApp.StartAsync();
        var stokeTitle = (await app.AsDpo("STK").SendAsync(new GetPrivacyNoticeRegisterQuery())).Organisations[0].Notices[0].Title;

        await app.SendAsync(Valid() with { Title = stokeTitle.ToUpperInvariant(), Version = "V1" });
        await app.SendAsync(Valid() with { Title = "Workforce privacy notice", Version = "V1" });

        var notices = Assert.Single((await app.SendAsync(new GetPrivacyNoticeRegisterQuery())).Organisations).Notices;
        Assert.Equal(2, notices.Count);
        var senmas = Assert.Single(notices, n => n.Title == stokeTitle); // the name as first recorded, whatever the case typed
        Assert.Equal(["V1", ""], senmas.Versions.Select(v => v.Version));
        Assert.Single(notices, n => n.Title == "Workforce privacy notice");
    }

    public static TheoryData<string, string> InvalidVersions() => new()
    {
        { "no version", "Version" },
        { "a version the notice already has", "Version" },
        { "the same version in other case and spacing", "Version" },
        { "a version of 41 characters", "Version" },
        { "no title", "Title" },
        { "a title of 201 characters", "Title" },
        { "an author of 201 characters", "Author" },
        { "an approver of 201 characters", "ApprovedBy" },
        { "no approval date", "ApprovedOn" },
        { "an approval date tomorrow", "ApprovedOn" },
        { "no review date", "ReviewOn" },
        { "a review date the same as the approval date", "ReviewOn" },
        { "a review date before the approval date", "ReviewOn" },
        { "changes of 4001 characters", "Changes" },
        { "a web address of 501 characters", "Url" },
        { "a web address that is not one", "Url" },
    };

    [Theory]
    [MemberData(nameof(InvalidVersions))]
    public async Task A_version_is_refused_with_a_message_on_the_field(string problem, string field)
    {
        await using var app = await PortalApp.StartAsync(); // today Mon 2 Mar 2026 (UK)
        var command = problem switch
        {
            "no version" => Valid() with { Version = " " },
            "a version the notice already has" => Valid() with { Version = "V5" },
            "the same version in other case and spacing" => Valid() with { Version = " v5 " },
            "a version of 41 characters" => Valid() with { Version = new string('V', 41) },
            "no title" => Valid() with { Title = "" },
            "a title of 201 characters" => Valid() with { Title = new string('T', 201) },
            "an author of 201 characters" => Valid() with { Author = new string('A', 201) },
            "an approver of 201 characters" => Valid() with { ApprovedBy = new string('A', 201) },
            "no approval date" => Valid() with { ApprovedOn = null },
            "an approval date tomorrow" => Valid() with { ApprovedOn = new DateOnly(2026, 3, 3), ReviewOn = new DateOnly(2027, 3, 3) },
            "no review date" => Valid() with { ReviewOn = null },
            "a review date the same as the approval date" => Valid() with { ReviewOn = new DateOnly(2026, 2, 1) },
            "a review date before the approval date" => Valid() with { ReviewOn = new DateOnly(2026, 1, 31) },
            "changes of 4001 characters" => Valid() with { Changes = new string('c', 4001) },
            "a web address of 501 characters" => Valid() with { Url = "https://example.org/" + new string('a', 481) },
            "a web address that is not one" => Valid() with { Url = "the school website" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsDpo("HHJ").SendAsync(command));

        Assert.Equal([field], refused.Errors.Select(e => e.PropertyName).Distinct());
        await using var db = app.Db();
        Assert.Equal(5, await db.PrivacyNotices.CountAsync(n => n.OrganisationId == app.OrganisationId("HHJ")));
    }

    [Fact]
    public async Task The_rules_accept_limits_exactly_today_and_the_same_version_in_another_notice_or_organisation()
    {
        await using var app = await PortalApp.StartAsync();

        await app.AsDpo("HHJ").SendAsync(Valid() with
        {
            Version = new string('V', 40),
            Author = new string('A', 200),
            ApprovedOn = new DateOnly(2026, 3, 2),
            ReviewOn = new DateOnly(2026, 3, 3),
            Changes = new string('c', 4000),
        });
        await app.SendAsync(Valid() with { Title = "Workforce privacy notice", Version = "V5" });
        await app.AsDpo("STK").SendAsync(Valid() with { Title = SchoolNotice, Version = "V5" });

        await using var db = app.Db();
        Assert.Equal(3, await db.PrivacyNotices.CountAsync(n => n.RecordedBy != PrivacyNoticeOrder.FromPublishedNotice));
    }

    [Fact]
    public async Task A_DPO_cannot_see_or_add_to_another_organisations_notices()
    {
        await using var app = await PortalApp.StartAsync();

        var register = await app.AsDpo("STK").SendAsync(new GetPrivacyNoticeRegisterQuery());
        Assert.Equal(["STK"], register.Organisations.Select(o => o.Code));
        Assert.DoesNotContain(register.Organisations.SelectMany(o => o.Notices), n => n.Title == SchoolNotice);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Valid() with { OrganisationId = app.OrganisationId("HHJ") }));
        await using var db = app.Db();
        Assert.Equal(5, await db.PrivacyNotices.CountAsync(n => n.OrganisationId == app.OrganisationId("HHJ")));
        Assert.Equal(1, await db.PrivacyNotices.CountAsync(n => n.OrganisationId == app.OrganisationId("STK")));
    }

    [Fact]
    public async Task An_administrator_sees_every_organisation_and_records_for_the_one_named()
    {
        await using var app = await PortalApp.StartAsync();

        var register = await app.AsAdministrator().SendAsync(new GetPrivacyNoticeRegisterQuery());
        Assert.Equal(["BAR", "HHJ", "STK"], register.Organisations.Select(o => o.Code).Order(StringComparer.Ordinal));

        var missing = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Valid() with { OrganisationId = null }));
        Assert.Equal(["OrganisationId"], missing.Errors.Select(e => e.PropertyName).Distinct());

        await app.SendAsync(Valid() with { OrganisationId = app.OrganisationId("BAR"), Title = "Barnet's SEND and Inclusion Services Privacy Notice", Version = "2026" });
        var barnet = (await app.SendAsync(new GetPrivacyNoticeRegisterQuery())).Organisations.Single(o => o.Code == "BAR");
        Assert.Equal("2026", Assert.Single(barnet.Notices).Current.Version);
    }

    [Fact]
    public async Task Caseworkers_and_service_contacts_may_not_open_or_change_the_register()
    {
        await using var app = await PortalApp.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("HHJ").SendAsync(new GetPrivacyNoticeRegisterQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Valid()));
        app.Actor.SignIn("service-HHJ", app.OrganisationId("HHJ"), Roles.ServiceContact);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetPrivacyNoticeRegisterQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetPrivacyNoticeRegisterQuery()));
    }

    /// <summary>V6 of the school's notice, approved a month before the test's today (Mon 2 Mar 2026).</summary>
    private static RecordPrivacyNoticeVersionCommand Valid() => new(
        null,
        SchoolNotice,
        "V6",
        "IG Team",
        "Governing body",
        new DateOnly(2026, 2, 1),
        new DateOnly(2027, 2, 1),
        "Annual review; sharing partners updated",
        "https://www.hursthead-jun.stockport.sch.uk/data-protection-gdpr");
}
