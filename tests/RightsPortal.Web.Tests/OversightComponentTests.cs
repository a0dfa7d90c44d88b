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
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Oversight;

namespace RightsPortal.Web.Tests;

/// <summary>The DPO's oversight pages: the privacy-notice register's review alert and the audit trail's check result.</summary>
public sealed class OversightComponentTests
{
    [Fact]
    public async Task The_register_alerts_the_school_DPO_that_the_notice_review_is_overdue_since_1_September_2024()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        portal.SignInAs("HHJ", Roles.Dpo);

        var cut = portal.Render<PrivacyNotices>();

        cut.WaitForAssertion(() => Assert.Contains("Review overdue since Sunday 1 September 2024.", cut.Find("[data-testid=review-overdue]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 notice is past the review date", cut.Find("[data-testid=overdue-summary]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=review-due]"));
        Assert.Equal(5, cut.FindAll("[data-testid=version-row]").Count);
        Assert.Equal("V5", cut.FindAll("[data-testid=version-row] th")[0].TextContent.Trim());
    }

    [Fact]
    public async Task Before_the_review_date_the_register_shows_when_the_review_is_due_and_no_alert()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2024, 8, 1, 10, 0, 0, TimeSpan.Zero));
        portal.SignInAs("HHJ", Roles.Dpo);

        var cut = portal.Render<PrivacyNotices>();

        cut.WaitForAssertion(() => Assert.Contains("Sunday 1 September 2024", cut.Find("[data-testid=review-due]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=review-overdue]"));
        Assert.Empty(cut.FindAll("[data-testid=overdue-summary]"));
    }

    [Fact]
    public async Task A_council_notice_without_a_review_date_asks_for_one_and_shows_what_is_not_stated()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        portal.SignInAs("STK", Roles.Dpo);

        var cut = portal.Render<PrivacyNotices>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-review-date]")));
        Assert.Empty(cut.FindAll("[data-testid=review-overdue]"));
        Assert.Contains("Not stated", cut.Find("[data-testid=current-version]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["STK"], cut.FindAll("[data-testid=organisation-notices]").Select(s => s.GetAttribute("data-code")));
        Assert.DoesNotContain("SEN and Safeguarding Privacy Notice", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_a_new_version_on_the_page_ends_the_alert()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        portal.SignInAs("HHJ", Roles.Dpo);
        var cut = portal.Render<PrivacyNotices>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=review-overdue]")));

        cut.Find(Field("version-version")).Change("V6");
        cut.Find(Field("version-approved-on")).Change("01/02/2026");
        cut.Find(Field("version-review-on")).Change("01/02/2027");
        cut.Find("[data-testid=version-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=review-overdue]")));
        Assert.Contains("Monday 1 February 2027", cut.Find("[data-testid=review-due]").TextContent, StringComparison.Ordinal);
        Assert.Equal("V6", cut.FindAll("[data-testid=version-row] th")[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_repeated_version_is_refused_with_the_message_on_the_field()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        portal.SignInAs("HHJ", Roles.Dpo);
        var cut = portal.Render<PrivacyNotices>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=version-save]")));

        cut.Find(Field("version-version")).Change("V5");
        cut.Find(Field("version-approved-on")).Change("01/02/2026");
        cut.Find(Field("version-review-on")).Change("01/02/2027");
        cut.Find("[data-testid=version-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains(RecordPrivacyNoticeVersionValidator.DuplicateVersion, cut.Markup, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=version-problem]"));
        Assert.NotNull(cut.Find("[data-testid=review-overdue]"));
    }

    [Fact]
    public void The_notice_card_shows_the_overdue_alert_only_when_the_review_has_passed()
    {
        using var ctx = NewContext();
        var overdue = ctx.Render<PrivacyNoticeCard>(p => p.Add(c => c.Notice, Notice(reviewOn: new DateOnly(2024, 9, 1), overdue: true)));
        var due = ctx.Render<PrivacyNoticeCard>(p => p.Add(c => c.Notice, Notice(reviewOn: new DateOnly(2027, 9, 1), overdue: false)));

        Assert.Equal("Review overdue since Sunday 1 September 2024.", overdue.Find("[data-testid=review-overdue] strong").TextContent.Trim());
        Assert.Empty(overdue.FindAll("[data-testid=review-due]"));
        Assert.Empty(due.FindAll("[data-testid=review-overdue]"));
        Assert.Contains("Wednesday 1 September 2027", due.Find("[data-testid=review-due]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intact_check_is_shown_in_green_with_the_rows_and_the_time()
    {
        using var ctx = NewContext();

        var cut = ctx.Render<AuditCheckResult>(p => p.Add(c => c.Check,
            new AuditCheckView(1, new DateTimeOffset(2026, 7, 1, 9, 5, 0, TimeSpan.Zero), AuditChainChecker.Daily, "the daily check", 12345, null)));

        var result = cut.Find("[data-testid=audit-check-result]");
        Assert.Equal("intact", result.GetAttribute("data-state"));
        Assert.Contains("mud-alert-text-success", result.ClassName, StringComparison.Ordinal);
        Assert.Contains("The audit trail is intact: 12,345 rows checked at Wed 1 Jul 2026, 10:05.", result.TextContent, StringComparison.Ordinal); // BST
        Assert.Empty(cut.FindAll("[data-testid=audit-check-guidance]"));
    }

    [Fact]
    public void A_broken_chain_is_shown_in_red_with_the_row_and_what_to_do()
    {
        using var ctx = NewContext();

        var cut = ctx.Render<AuditCheckResult>(p => p.Add(c => c.Check,
            new AuditCheckView(2, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), AuditChainChecker.OnDemand, "Dana Officer", 57, 57)));

        var result = cut.Find("[data-testid=audit-check-result]");
        Assert.Equal("broken", result.GetAttribute("data-state"));
        Assert.Contains("mud-alert-text-error", result.ClassName, StringComparison.Ordinal);
        Assert.Contains("The audit trail was changed at row 57: tell your security team.", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("Checked on request by Dana Officer.", result.TextContent, StringComparison.Ordinal);
        var guidance = cut.Find("[data-testid=audit-check-guidance]").TextContent;
        Assert.Contains("Tell your security team today", guidance, StringComparison.Ordinal);
        Assert.Contains("Do not change, restore or delete anything", guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_check_the_page_says_so()
    {
        using var ctx = NewContext();

        var cut = ctx.Render<AuditCheckResult>(p => p.Add(c => c.Check, (AuditCheckView?)null));

        Assert.Equal("none", cut.Find("[data-testid=audit-check-result]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Checking_the_trail_from_the_audit_page_shows_the_row_that_was_changed()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await portal.SubmitAsync("STK");
        await portal.SubmitAsync("STK");
        long second;
        await using (var db = portal.Db())
        {
            second = await db.AuditEvents.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Action = 'Edited' WHERE Id = {0}", second);
        }

        portal.SignInAs("STK", Roles.Dpo);
        var cut = portal.Render<AuditTrail>();
        cut.WaitForAssertion(() => Assert.Equal("none", cut.Find("[data-testid=audit-check-result]").GetAttribute("data-state")));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-row-id]").Count));

        cut.Find("[data-testid=audit-check-now]").Click();

        cut.WaitForAssertion(() => Assert.Equal("broken", cut.Find("[data-testid=audit-check-result]").GetAttribute("data-state")));
        Assert.Contains($"changed at row {second}: tell your security team", cut.Find("[data-testid=audit-check-result]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_page_lists_the_organisations_rows_by_case_reference_and_never_another_organisations()
    {
        await using var portal = await Portal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var stoke = await portal.SubmitAsync("STK");
        var barnet = await portal.SubmitAsync("BAR");
        portal.SignInAs("STK", Roles.Dpo);

        var cut = portal.Render<AuditTrail>();

        cut.WaitForAssertion(() => Assert.Equal([stoke.Reference], cut.FindAll("[data-testid=audit-case]").Select(c => c.TextContent.Trim())));
        Assert.Equal("A family or member of the public", cut.Find("[data-testid=audit-who]").TextContent.Trim());
        Assert.Equal("Submit access request", cut.Find("[data-testid=audit-action]").TextContent.Trim());
        Assert.DoesNotContain(barnet.Reference, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Queue Child", cut.Markup, StringComparison.Ordinal); // the child's name is never on the page
    }

    /// <summary>The input of a Mud field, wherever the component puts the test id.</summary>
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    private static PrivacyNoticeView Notice(DateOnly reviewOn, bool overdue) => new(
        "SEN and Safeguarding Privacy Notice",
        [new PrivacyNoticeVersionView(Guid.NewGuid(), "V5", "IG Team", "IG Team", new DateOnly(2022, 10, 28), reviewOn, "Legislation updated", "", DateTimeOffset.UnixEpoch, "the published notice", true)],
        overdue);

    /// <summary>The real pipeline and a migrated, seeded in-memory database under a fake clock, with a switchable staff member.</summary>
    private sealed class Portal : IAsyncDisposable
    {
        private readonly SqliteConnection connection = new("DataSource=:memory:");
        private readonly BunitContext ctx = new();
        private readonly Staff actor = new();

        private Portal(DateTimeOffset now) => Clock = new FakeTimeProvider(now);

        public FakeTimeProvider Clock { get; }

        public static async Task<Portal> StartAsync(DateTimeOffset now)
        {
            var portal = new Portal(now);
            await portal.connection.OpenAsync();
            var ctx = portal.ctx;
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddLogging();
            ctx.Services.AddPortalDatabase(portal.connection);
            ctx.Services.AddApplication();
            ctx.Services.AddSingleton<TimeProvider>(portal.Clock);
            ctx.Services.AddSingleton<ICurrentActor>(portal.actor);
            ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

            await using var db = portal.Db();
            await db.Database.MigrateAsync();
            await PortalSeeder.SeedOrganisationsAsync(db, clock: portal.Clock);
            return portal;
        }

        public PortalDb Db() => ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

        public void SignInAs(string code, string role)
        {
            using var db = Db();
            actor.OrganisationId = db.Organisations.Where(o => o.Code == code).Select(o => o.Id).Single();
            actor.Role = role;
        }

        public async Task<SubmissionReceipt> SubmitAsync(string code)
        {
            actor.Role = null;
            await using var scope = ctx.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new SubmitAccessRequestCommand(
                code, Guid.NewGuid(), RequesterRole.ParentCarer, "Queue Parent", "queue.parent@example.org", "Queue Child", new DateOnly(2015, 1, 1), null,
                [code == "BAR" ? "sen" : "health"], null));
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
            public string? Role { get; set; }
            public Guid? OrganisationId { get; set; }
            public bool IsAuthenticated => Role is not null;
            public string? UserId => Role is null ? null : $"bunit-{Role}";
            Guid? ICurrentActor.OrganisationId => Role is null ? null : OrganisationId;
            public bool IsInRole(string role) => Role == role;
            public string? VerifiedFamilyEmail => null;
        }
    }
}
