using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Records disclosed or withheld, decisions, and lifting a restriction, through the real pipeline (authorization,
/// validation, audit) on the seeded demo organisations. Requests received Mon 2 Mar 2026.
/// </summary>
public sealed class DecisionCommandTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>A request of this right, logged (or submitted, for access) and started by a caseworker of the organisation.</summary>
    private static async Task<(PortalApp App, Guid Id, Guid Version)> StartedAsync(
        Right right = Right.Access, string code = "STK", DateOnly? born = null, IReadOnlyList<string>? categories = null)
    {
        var app = await PortalApp.StartAsync();
        Guid id;
        if (right == Right.Access)
        {
            id = (await app.SendAsync(app.ValidAccessRequest(code))).RequestId;
            app.AsCaseworker(code);
        }
        else
        {
            var form = app.ValidAccessRequest(code);
            id = (await app.AsCaseworker(code).SendAsync(new LogRequestCommand(Guid.NewGuid(), right, Channel.Letter, Today, form.RequesterRole,
                form.RequesterName, form.RequesterEmail, form.SubjectName, born ?? form.SubjectDateOfBirth, form.SubjectSetting,
                categories ?? form.DataCategories, form.Details))).RequestId;
        }

        var v0 = (await app.SendAsync(new GetRequestDetailQuery(id))).Version;
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Known family; details match"));
        return (app, id, started.Version);
    }

    private static async Task<int> AuditRowsAsync(PortalApp app, Guid id, string action, string outcome)
    {
        await using var db = app.Db();
        return await db.AuditEvents.CountAsync(e => e.RequestId == id && e.Action == action && e.Outcome == outcome);
    }

    // ---- Access: the list of records ----

    [Fact]
    public async Task A_caseworker_lists_records_the_case_page_shows_them_and_each_change_is_audited_once()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var s1 = await app.SendAsync(new RecordDisclosureCommand(id, version, "EHC plan, final, March 2025", Disposition.Disclosed, null, null));
        var s2 = await app.SendAsync(new RecordDisclosureCommand(id, s1.Version, "EP report, 2024", Disposition.Redacted, Exemption.ThirdParty, "Names another pupil"));

        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(
            [("EHC plan, final, March 2025", Disposition.Disclosed, (Exemption?)null, (string?)null), ("EP report, 2024", Disposition.Redacted, Exemption.ThirdParty, "Names another pupil")],
            detail.Disclosures.Select(d => (d.Description, d.Disposition, d.Exemption, d.Reason)));
        Assert.Equal(s2.Version, detail.Version);
        Assert.Equal(2, detail.Timeline.Count(t => t.What == "Record listed"));

        await app.SendAsync(new RemoveDisclosureCommand(id, s2.Version, detail.Disclosures[0].Id));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal("EP report, 2024", Assert.Single(after.Disclosures).Description);
        Assert.Equal("Record removed from list", after.Timeline[^1].What);
        Assert.Equal(2, await AuditRowsAsync(app, id, nameof(RecordDisclosureCommand), "Succeeded"));
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(RemoveDisclosureCommand), "Succeeded"));
    }

    [Fact]
    public async Task A_withheld_record_without_its_exemption_or_reasons_is_a_validation_error_and_nothing_is_listed()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDisclosureCommand(id, version, " ", Disposition.Withheld, null, " ")));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(RecordDisclosureCommand.Description)
            && e.ErrorMessage == "Describe the record, for example \"EHC plan, final, March 2025\".");
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(RecordDisclosureCommand.Exemption)
            && e.ErrorMessage == "Choose the exemption that allows this record to be redacted or withheld.");
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(RecordDisclosureCommand.Reason)
            && e.ErrorMessage == "Give the reasons the exemption applies to this record: they are kept on file and may be reviewed by the ICO.");
        Assert.Empty((await app.SendAsync(new GetRequestDetailQuery(id))).Disclosures);
        Assert.Equal(0, await AuditRowsAsync(app, id, nameof(RecordDisclosureCommand), "Refused"));
    }

    [Fact]
    public async Task A_disclosed_record_with_an_exemption_or_an_overlong_description_is_a_validation_error()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var exempt = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDisclosureCommand(id, version, "EHC plan", Disposition.Disclosed, Exemption.SeriousHarm, null)));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDisclosureCommand(id, version, new string('x', 1001), Disposition.Withheld, Exemption.SeriousHarm, new string('y', 4001))));

        Assert.Equal("A record disclosed in full has no exemption: choose redacted or withheld to apply one.", Assert.Single(exempt.Errors).ErrorMessage);
        Assert.Contains(tooLong.Errors, e => e.ErrorMessage == "Keep the description to 1000 characters or fewer.");
        Assert.Contains(tooLong.Errors, e => e.ErrorMessage == "Keep the reasons to 4000 characters or fewer.");
        await app.SendAsync(new RecordDisclosureCommand(id, version, new string('x', 1000), Disposition.Withheld, Exemption.SeriousHarm, new string('y', 4000)));
    }

    [Fact]
    public async Task A_record_listed_on_a_request_that_is_not_to_see_records_is_refused_by_the_domain_and_audited_as_refused()
    {
        var (app, id, version) = await StartedAsync(Right.Rectification);
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new RecordDisclosureCommand(id, version, "EHC plan", Disposition.Disclosed, null, null)));

        Assert.Contains("Only requests to see records", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(RecordDisclosureCommand), "Refused"));
        Assert.Equal(0, await AuditRowsAsync(app, id, nameof(RecordDisclosureCommand), "Succeeded"));
    }

    // ---- Decisions ----

    [Fact]
    public async Task Erasure_is_checked_against_the_organisations_seeded_retention_schedule()
    {
        // Stoke keeps the SEN file to date of birth plus 31 years: born 27 Mar 2014, kept until Mon 27 Mar 2045.
        var (app, id, version) = await StartedAsync(Right.Erasure, categories: ["ehc"]);
        await using var _ = app;
        var before = await app.SendAsync(new GetRequestDetailQuery(id));
        var block = Assert.Single(before.ErasureBlocks);
        Assert.Equal(("SEN file, EHC plan and reviews", new DateOnly(2045, 3, 27)), (block.RecordType, block.Until));

        var erased = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.Erased, "As asked", "Nobody", null)));
        Assert.Contains("SEN file, EHC plan and reviews: kept until Monday 27 March 2045", erased.Message, StringComparison.Ordinal);

        await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.ErasureRefused, "We must keep the EHC plan and its reviews", null, null));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(DecisionKind.ErasureRefused, after.Decision);
        Assert.Equal(
            "SEN file, EHC plan and reviews: kept until Monday 27 March 2045 (date of birth plus 31 years), because we must keep them by law or for our public task.",
            after.ErasureBlockedBy);
        Assert.Equal("Decision recorded", after.Timeline[^1].What);
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(RecordDecisionCommand), "Refused"));
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(RecordDecisionCommand), "Succeeded"));
    }

    [Fact]
    public async Task Records_the_organisations_schedule_no_longer_keeps_can_be_erased()
    {
        var (app, id, version) = await StartedAsync(Right.Erasure, categories: ["ehc"]);
        await using var _ = app;
        await using (var db = app.Db())
        {
            // The organisation's DPO takes the SEN file off its schedule: nothing keeps the records any more.
            var organisationId = app.OrganisationId("STK");
            await db.RetentionRules.Where(r => r.OrganisationId == organisationId && r.Trigger == RetentionTrigger.DateOfBirth).ExecuteDeleteAsync();
        }

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.ErasureRefused, "We keep everything", null, null)));
        Assert.Contains("No retention rule keeps the records", refusal.Message, StringComparison.Ordinal);

        await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.Erased, "Deleted from the SEN system", "The school was told", null));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal((DecisionKind.Erased, "The school was told", (string?)null), (after.Decision, after.RecipientsTold, after.ErasureBlockedBy));
    }

    [Fact]
    public async Task A_decision_missing_what_its_kind_needs_is_a_validation_error()
    {
        var (app, id, version) = await StartedAsync(Right.Rectification);
        await using var _ = app;

        var corrected = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.Corrected, " ", null, null)));
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.RectificationRefused, null, null, RestrictionGround.AccuracyContested)));
        var restriction = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.RestrictionPlaced, "Accuracy disputed", null, null)));
        var compelling = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.ObjectionRefusedCompellingGrounds, "", null, null)));

        Assert.Contains(corrected.Errors, e => e.PropertyName == nameof(RecordDecisionCommand.Reasons) && e.ErrorMessage == "Give the reasons for the decision: the family will read them.");
        Assert.Contains(corrected.Errors, e => e.PropertyName == nameof(RecordDecisionCommand.RecipientsTold)
            && e.ErrorMessage == "List who the records were shared with and have been told (or say they were not shared with anyone).");
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Say why the records are accurate (an opinion recorded as an opinion is not inaccurate).");
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(RecordDecisionCommand.Ground) && e.ErrorMessage == "A ground for restriction goes with a restriction only.");
        Assert.Equal("Choose why processing is restricted.", Assert.Single(restriction.Errors).ErrorMessage);
        Assert.Equal("State the compelling legitimate grounds that override the person's interests, rights and freedoms.", Assert.Single(compelling.Errors).ErrorMessage);
        Assert.Null((await app.SendAsync(new GetRequestDetailQuery(id))).Decision);
    }

    [Fact]
    public async Task Reasons_must_fit_with_any_standard_explanation_added_to_them()
    {
        var (app, id, version) = await StartedAsync(Right.Portability);
        await using var _ = app;
        var room = RecordDecisionValidator.ReasonsMax - DecisionRules.PortabilityText.Length - 1;

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.PortabilityNotApplicable, new string('x', room + 1), null, null)));
        var recipients = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.PortabilityProvided, new string('x', 8001), new string('y', 2001), null)));

        Assert.Equal($"Keep the reasons to {room} characters or fewer: the standard explanation is added to them.", Assert.Single(tooLong.Errors).ErrorMessage);
        Assert.Contains(recipients.Errors, e => e.ErrorMessage == "Keep the reasons to 8000 characters or fewer.");
        Assert.Contains(recipients.Errors, e => e.ErrorMessage == "Keep the list of recipients to 2000 characters or fewer.");

        await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.PortabilityNotApplicable, new string('x', room), null, null));
        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.True(after.AccessOffered);
        Assert.Equal(RecordDecisionValidator.ReasonsMax, after.DecisionReasons!.Length);
    }

    [Fact]
    public async Task An_objection_to_processing_the_law_requires_is_recorded_with_the_standard_explanation()
    {
        var (app, id, version) = await StartedAsync(Right.Objection);
        await using var _ = app;

        await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.ObjectionNotApplicableLegalObligation, null, null, null));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(DecisionRules.LegalObligationObjectionText, after.DecisionReasons);
        Assert.Equal([DecisionKind.ObjectionUpheld, DecisionKind.ObjectionRefusedCompellingGrounds, DecisionKind.ObjectionNotApplicableLegalObligation], after.DecisionKinds);
    }

    // ---- Restriction ----

    [Fact]
    public async Task A_restriction_is_placed_the_person_told_and_then_it_is_lifted()
    {
        var (app, id, version) = await StartedAsync(Right.Restriction);
        await using var _ = app;
        var placed = await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.RestrictionPlaced, "Accuracy of the EP report is disputed", null, RestrictionGround.AccuracyContested));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero));
        var early = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new LiftRestrictionCommand(id, placed.Version, new DateOnly(2026, 3, 12), "Accuracy checked")));
        Assert.Contains("Tell the person before lifting", early.Message, StringComparison.Ordinal);

        var told = await app.SendAsync(new GiveNoticeOfLiftingRestrictionCommand(id, placed.Version, new DateOnly(2026, 3, 10), "Letter explaining the report was checked"));
        var lifted = await app.SendAsync(new LiftRestrictionCommand(id, told.Version, new DateOnly(2026, 3, 12), "Accuracy checked with the EP"));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(lifted.Version, after.Version);
        Assert.Equal(
            (RestrictionGround.AccuracyContested, Today, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12)),
            (after.RestrictionGround!.Value, after.RestrictionPlacedOn!.Value, after.RestrictionLiftNoticeOn!.Value, after.RestrictionLiftedOn!.Value));
        Assert.Equal(["Decision recorded", "Told of lifting restriction", "Restriction lifted"], after.Timeline.TakeLast(3).Select(t => t.What));
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(GiveNoticeOfLiftingRestrictionCommand), "Succeeded"));
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(LiftRestrictionCommand), "Succeeded"));
        Assert.Equal(1, await AuditRowsAsync(app, id, nameof(LiftRestrictionCommand), "Refused"));
    }

    [Fact]
    public async Task Notice_and_lifting_need_a_date_and_a_reason()
    {
        var (app, id, version) = await StartedAsync(Right.Restriction);
        await using var _ = app;

        var notice = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new GiveNoticeOfLiftingRestrictionCommand(id, version, default, " ")));
        var lift = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new LiftRestrictionCommand(id, version, default, new string('x', 2001))));

        Assert.Contains(notice.Errors, e => e.ErrorMessage == "Enter the date the person was told.");
        Assert.Contains(notice.Errors, e => e.ErrorMessage == "Say how the person was told the restriction will be lifted, and why.");
        Assert.Contains(lift.Errors, e => e.ErrorMessage == "Enter the date the restriction was lifted.");
        Assert.Contains(lift.Errors, e => e.ErrorMessage == "Keep the reason to 2000 characters or fewer.");
    }

    // ---- Who may, and when ----

    public static TheoryData<string> Commands() => new() { "record", "remove", "decide", "notice", "lift" };

    private static IRequest<CaseState> Command(string which, Guid id, Guid version) => which switch
    {
        "record" => new RecordDisclosureCommand(id, version, "EHC plan", Disposition.Disclosed, null, null),
        "remove" => new RemoveDisclosureCommand(id, version, Guid.NewGuid()),
        "decide" => new RecordDecisionCommand(id, version, DecisionKind.Erased, "As asked", "Nobody", null),
        "notice" => new GiveNoticeOfLiftingRestrictionCommand(id, version, Today, "Letter"),
        "lift" => new LiftRestrictionCommand(id, version, Today, "Checked"),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Staff_of_another_organisation_find_nothing_and_other_roles_are_forbidden(string which)
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("BAR").SendAsync(Command(which, id, version)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("HHJ").SendAsync(Command(which, id, version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(Command(which, id, version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworkerWithoutOrganisation().SendAsync(Command(which, id, version)));
        app.Actor.SignIn("sendco-STK", app.OrganisationId("STK"), Roles.ServiceContact);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Command(which, id, version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(Command(which, id, version)));

        var unchanged = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(version, unchanged.Version);
    }

    [Fact]
    public async Task The_organisations_DPO_may_record_records_and_decisions()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var state = await app.AsDpo("STK").SendAsync(new RecordDisclosureCommand(id, version, "EHC plan", Disposition.Disclosed, null, null));

        Assert.NotEqual(version, state.Version);
        await using var db = app.Db();
        Assert.Equal("dpo-STK", (await db.AuditEvents.SingleAsync(e => e.Action == nameof(RecordDisclosureCommand))).ActorId);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_change_made_on_a_stale_copy_of_the_case_is_a_conflict_and_saves_nothing(string which)
    {
        var (app, id, stale) = await StartedAsync();
        await using var _ = app;
        var current = await app.SendAsync(new RecordDisclosureCommand(id, stale, "EHC plan", Disposition.Disclosed, null, null));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.SendAsync(Command(which, id, stale)));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(current.Version, after.Version);
        Assert.Single(after.Disclosures);
    }
}
