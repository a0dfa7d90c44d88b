using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Features.Retention;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Tests;

/// <summary>Issue 7: the DPO edits the organisation's retention schedule and its 29 February choice, with a history of every change.</summary>
public sealed class RetentionScheduleTests
{
    private const string SenFile = "SEN file, EHC plan and reviews";

    private static async Task<RetentionScheduleLineView> LineAsync(PortalApp app, string recordType) =>
        (await app.SendAsync(new GetRetentionScheduleQuery())).Lines.Single(l => l.RecordType == recordType);

    private static ChangeRetentionRuleCommand Edit(Guid id, string recordType, RetentionTrigger trigger, int years, int months, RetentionAction action, string reason) =>
        new(RetentionScheduleChangeKind.Change, id, recordType, trigger, years, months, action, reason);

    private static ChangeRetentionRuleCommand Add(string recordType, RetentionTrigger trigger, int years, int months, RetentionAction action, string reason) =>
        new(RetentionScheduleChangeKind.Add, null, recordType, trigger, years, months, action, reason);

    [Fact]
    public async Task The_DPO_sees_the_seeded_schedule_the_portal_defaults_it_does_not_set_and_28_February()
    {
        await using var app = await PortalApp.StartAsync();
        var schedule = await app.AsDpo("STK").SendAsync(new GetRetentionScheduleQuery());

        var sen = schedule.Lines.Single(l => l.RecordType == SenFile);
        Assert.Equal((true, false, "31 years", "From the date of birth", "Reviewed by the DPO"), (sen.SetByOrganisation, sen.IsPortalRecord, sen.PeriodText, sen.TriggerText, sen.ActionText));
        var caseFile = schedule.Lines.Single(l => l.RecordType == "Rights-request case file");
        Assert.Equal((true, true, true), (caseFile.SetByOrganisation, caseFile.IsPortalRecord, caseFile.TriggerIsFixed));

        // Not on Stoke's seeded schedule: shown with the portal's default, messages and uploads cannot be set at all.
        var copies = schedule.Lines.Single(l => l.RecordType == "Copies of emails sent");
        Assert.Equal(((Guid?)null, false, true, "1 month", "After it was sent"), (copies.RuleId, copies.SetByOrganisation, copies.CanBeSet, copies.PeriodText, copies.TriggerText));
        var messages = schedule.Lines.Single(l => l.RecordType == "Messages on the case");
        Assert.Equal((false, false, "6 years"), (messages.CanBeSet, messages.SetByOrganisation, messages.PeriodText));
        Assert.Equal(5 + 3, schedule.Lines.Count); // Stoke's five lines, then the three portal records it has not set

        Assert.False(schedule.LeapDayToFirstMarch);
        Assert.Equal("A period counted from 29 February ends on 28 February in a year without one", schedule.LeapDayText);
        Assert.Empty(schedule.History);
    }

    [Fact]
    public async Task The_DPO_changes_a_line_and_the_history_and_audit_trail_record_it_in_the_same_save()
    {
        await using var app = await PortalApp.StartAsync();
        var sen = await LineAsync(app.AsDpo("STK"), SenFile);

        var id = await app.SendAsync(Edit(sen.RuleId!.Value, "  " + SenFile + " ", RetentionTrigger.DateOfBirth, 35, 0, RetentionAction.Anonymise, "  Council records policy v4 (2026)  "));

        Assert.Equal(sen.RuleId, id);
        var after = await LineAsync(app, SenFile);
        Assert.Equal((35, RetentionAction.Anonymise, "Anonymised after review by the DPO"), (after.Years, after.Action, after.ActionText));
        var change = Assert.Single((await app.SendAsync(new GetRetentionScheduleQuery())).History);
        Assert.Equal(
            (SenFile, "SEN file, EHC plan and reviews: 31 years from the date of birth, then reviewed by the DPO",
             "SEN file, EHC plan and reviews: 35 years from the date of birth, then anonymised after review by the DPO",
             "Council records policy v4 (2026)", "Account dpo-STK", PortalApp.DefaultNow),
            (change.RecordType, change.Before, change.After, change.Reason, change.ChangedBy, change.ChangedAt));

        await using var db = app.Db();
        var stored = await db.RetentionRuleChanges.AsNoTracking().SingleAsync();
        Assert.Equal((app.OrganisationId("STK"), sen.RuleId), (stored.OrganisationId, stored.RuleId));
        var audit = Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.Action == nameof(ChangeRetentionRuleCommand)).ToListAsync());
        Assert.Equal(("dpo-STK", "Succeeded", (Guid?)app.OrganisationId("STK")), (audit.ActorId, audit.Outcome, audit.OrganisationId));
    }

    [Fact]
    public async Task The_history_names_the_DPO_by_display_name_when_they_have_an_account()
    {
        await using var app = await PortalApp.StartAsync();
        await using (var db = app.Db())
        {
            db.Users.Add(new Data.StaffUser { Id = "dpo-STK", UserName = "dpo@stoke.test", Email = "dpo@stoke.test", DisplayName = "Dana Protection", OrganisationId = app.OrganisationId("STK") });
            await db.SaveChangesAsync();
        }

        await app.AsDpo("STK").SendAsync(new SetLeapDayRuleCommand(true, "Legal advice: 1 March"));

        Assert.Equal("Dana Protection", Assert.Single((await app.SendAsync(new GetRetentionScheduleQuery())).History).ChangedBy);
    }

    [Fact]
    public async Task The_DPO_adds_a_line_and_removes_it_and_the_history_shows_both_newest_first()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await app.AsDpo("STK").SendAsync(Add("  Looked-after child case record ", RetentionTrigger.DateOfBirth, 75, 0, RetentionAction.Review, "Statutory: until the 75th birthday"));
        var added = await LineAsync(app, "Looked-after child case record");
        Assert.Equal((id, true), (added.RuleId!.Value, added.SetByOrganisation));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SendAsync(ChangeRetentionRuleCommand.Removal(id, "Added by mistake: the council keeps these, not this team"));

        var schedule = await app.SendAsync(new GetRetentionScheduleQuery());
        Assert.DoesNotContain(schedule.Lines, l => l.RecordType == "Looked-after child case record");
        Assert.Collection(schedule.History,
            removed => Assert.Equal(("Looked-after child case record: 75 years from the date of birth, then reviewed by the DPO", "", PortalApp.DefaultNow.AddMinutes(5)),
                (removed.Before, removed.After, removed.ChangedAt)),
            first => Assert.Equal(("", "Looked-after child case record: 75 years from the date of birth, then reviewed by the DPO"), (first.Before, first.After)));
        await using var db = app.Db();
        Assert.All(await db.RetentionRuleChanges.AsNoTracking().ToListAsync(), c => Assert.Equal(id, c.RuleId));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == nameof(ChangeRetentionRuleCommand) && e.Outcome == "Succeeded"));
    }

    [Fact]
    public async Task Setting_a_portal_record_the_organisation_had_not_set_overrides_the_default_and_removing_it_restores_the_default()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await app.AsDpo("STK").SendAsync(Add("Copies of emails sent", RetentionTrigger.Closure, 0, 3, RetentionAction.Destroy, "Delivery disputes can take longer"));
        var set = await LineAsync(app, "Copies of emails sent");
        Assert.Equal((true, "3 months", "After it was sent"), (set.SetByOrganisation, set.PeriodText, set.TriggerText));

        await app.SendAsync(ChangeRetentionRuleCommand.Removal(id, "Back to the portal's month"));
        var back = await LineAsync(app, "Copies of emails sent");
        Assert.Equal(((Guid?)null, false, "1 month"), (back.RuleId, back.SetByOrganisation, back.PeriodText));
    }

    [Fact]
    public async Task Domain_refusals_reach_the_DPO_and_leave_no_history()
    {
        await using var app = await PortalApp.StartAsync();
        var caseFile = await LineAsync(app.AsDpo("STK"), "Rights-request case file");

        var trigger = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(Edit(caseFile.RuleId!.Value, "Rights-request case file", RetentionTrigger.LastContact, 6, 0, RetentionAction.Review, "Why")));
        Assert.StartsWith("The period for \"Rights-request case file\" always starts after the file closes", trigger.Message, StringComparison.Ordinal);
        var duplicate = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(Add("sen file, ehc plan and reviews", RetentionTrigger.DateOfBirth, 25, 0, RetentionAction.Review, "Why")));
        Assert.StartsWith("Your schedule already has a line for \"SEN file, EHC plan and reviews\"", duplicate.Message, StringComparison.Ordinal);
        var follows = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(Add("Messages on the case", RetentionTrigger.Closure, 1, 0, RetentionAction.Destroy, "Why")));
        Assert.Contains("have no period of their own", follows.Message, StringComparison.Ordinal);

        await using var db = app.Db();
        Assert.Empty(await db.RetentionRuleChanges.AsNoTracking().ToListAsync());
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == nameof(ChangeRetentionRuleCommand) && e.Outcome == "Refused"));
    }

    [Fact]
    public async Task Only_a_DPO_may_see_or_change_the_schedule()
    {
        await using var app = await PortalApp.StartAsync();
        var sen = await LineAsync(app.AsDpo("STK"), SenFile);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetRetentionScheduleQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Edit(sen.RuleId!.Value, SenFile, RetentionTrigger.DateOfBirth, 1, 0, RetentionAction.Destroy, "Shorter")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new SetLeapDayRuleCommand(true, "Why")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new GetRetentionScheduleQuery()));

        Assert.Equal(31, (await LineAsync(app.AsDpo("STK"), SenFile)).Years);
    }

    [Fact]
    public async Task Another_organisations_line_is_not_found_and_stays_as_it_was()
    {
        await using var app = await PortalApp.StartAsync();
        var barnet = (await app.AsDpo("BAR").SendAsync(new GetRetentionScheduleQuery())).Lines.First(l => l.RuleId is not null);

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("STK").SendAsync(Edit(barnet.RuleId!.Value, barnet.RecordType, barnet.Trigger!.Value, 1, 0, RetentionAction.Destroy, "Not mine")));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(ChangeRetentionRuleCommand.Removal(barnet.RuleId!.Value, "Not mine")));

        var unchanged = (await app.AsDpo("BAR").SendAsync(new GetRetentionScheduleQuery())).Lines.Single(l => l.RuleId == barnet.RuleId);
        Assert.Equal((barnet.Years, barnet.Action), (unchanged.Years, unchanged.Action));
        Assert.Empty((await app.SendAsync(new GetRetentionScheduleQuery())).History);
    }

    [Theory]
    [InlineData("", 1, 0, "Reason", nameof(ChangeRetentionRuleCommand.RecordType), "Say what kind of record the line is for, for example \"School child-protection file\".")]
    [InlineData("A record", 151, 0, "Reason", nameof(ChangeRetentionRuleCommand.Years), "Give the years as a whole number from 0 to 150.")]
    [InlineData("A record", 1, 12, "Reason", nameof(ChangeRetentionRuleCommand.Months), "Give the months as a whole number from 0 to 11; write 12 months or more as years.")]
    [InlineData("A record", 0, 0, "Reason", nameof(ChangeRetentionRuleCommand.Years), "A record must be kept for at least a month: give the years, the months, or both.")]
    [InlineData("A record", 1, 0, " ", nameof(ChangeRetentionRuleCommand.Reason), "Say why the schedule is changing, for example the guidance or decision behind it: the ICO may ask.")]
    public async Task A_badly_formed_line_is_refused_field_by_field_with_what_to_do(string recordType, int years, int months, string reason, string field, string message)
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsDpo("STK").SendAsync(Add(recordType, RetentionTrigger.Closure, years, months, RetentionAction.Review, reason)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field && e.ErrorMessage == message);
        await using var db = app.Db();
        Assert.Empty(await db.RetentionRuleChanges.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_reason_over_the_limit_a_removal_without_a_line_or_a_reason_and_a_choice_without_a_reason_are_refused_by_the_validator()
    {
        await using var app = await PortalApp.StartAsync();
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsDpo("STK").SendAsync(Add("A record", RetentionTrigger.Closure, 1, 0, RetentionAction.Review, new string('r', RetentionRuleChange.ReasonLimit + 1))));
        Assert.Contains("Keep the reason to 2,000 characters or fewer.", tooLong.Errors.Select(e => e.ErrorMessage));

        var noLine = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ChangeRetentionRuleCommand(RetentionScheduleChangeKind.Remove, null, null, default, 0, 0, default, "Why")));
        Assert.Contains("Choose the line to change or remove.", noLine.Errors.Select(e => e.ErrorMessage));

        var sen = await LineAsync(app, SenFile);
        var removalWithoutReason = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(ChangeRetentionRuleCommand.Removal(sen.RuleId!.Value, "  ")));
        Assert.Contains(RetentionScheduleEdit.ReasonMissing, removalWithoutReason.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(sen.RuleId, (await LineAsync(app, SenFile)).RuleId);

        var leap = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SetLeapDayRuleCommand(true, "")));
        Assert.Contains(RetentionScheduleEdit.ReasonMissing, leap.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task The_DPO_chooses_1_March_for_29_February_with_a_reason_and_the_history_records_it()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("STK").SendAsync(new SetLeapDayRuleCommand(true, "Legal advice, March 2026"));

        var schedule = await app.SendAsync(new GetRetentionScheduleQuery());
        Assert.True(schedule.LeapDayToFirstMarch);
        var change = Assert.Single(schedule.History);
        Assert.Equal(("29 February birthdays", "A period counted from 29 February ends on 28 February in a year without one",
            "A period counted from 29 February ends on 1 March in a year without one", "Legal advice, March 2026"), (change.RecordType, change.Before, change.After, change.Reason));

        var again = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new SetLeapDayRuleCommand(true, "Twice")));
        Assert.Equal("A period counted from 29 February ends on 1 March in a year without one already. Choose the other date to change it.", again.Message);

        await using var db = app.Db();
        var stored = await db.RetentionRuleChanges.AsNoTracking().SingleAsync();
        Assert.Null(stored.RuleId);
        Assert.True((await db.Organisations.AsNoTracking().SingleAsync(o => o.Code == "STK")).LeapDayToFirstMarch);
        Assert.False((await db.Organisations.AsNoTracking().SingleAsync(o => o.Code == "BAR")).LeapDayToFirstMarch);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == nameof(SetLeapDayRuleCommand) && e.Outcome == "Succeeded"));
    }

    [Fact]
    public async Task A_child_born_on_29_February_2008_is_kept_until_28_February_or_1_March_as_the_organisation_chose()
    {
        // Stoke keeps the SEN file to date of birth plus 31 years; 2039 has no 29 February.
        await using var app = await PortalApp.StartAsync();
        var form = app.ValidAccessRequest("STK");
        var id = (await app.AsCaseworker("STK").SendAsync(new LogRequestCommand(Guid.NewGuid(), Right.Erasure, Channel.Letter, new DateOnly(2026, 3, 2), form.RequesterRole,
            form.RequesterName, form.RequesterEmail, form.SubjectName, new DateOnly(2008, 2, 29), form.SubjectSetting, ["ehc"], form.Details))).RequestId;
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(id))).Version;
        var version = (await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Known family; details match"))).Version;

        Assert.Equal(new DateOnly(2039, 2, 28), Assert.Single((await app.SendAsync(new GetRequestDetailQuery(id))).ErasureBlocks).Until);
        var refusedOn28th = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.Erased, "As asked", "Nobody", null)));
        Assert.Contains("kept until Monday 28 February 2039", refusedOn28th.Message, StringComparison.Ordinal);

        await app.AsDpo("STK").SendAsync(new SetLeapDayRuleCommand(true, "Legal advice: a 29 February birthday falls on 1 March"));

        Assert.Equal(new DateOnly(2039, 3, 1), Assert.Single((await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(id))).ErasureBlocks).Until);
        await app.SendAsync(new RecordDecisionCommand(id, version, DecisionKind.ErasureRefused, "We must keep the EHC plan", null, null));
        Assert.StartsWith("SEN file, EHC plan and reviews: kept until Tuesday 1 March 2039", (await app.SendAsync(new GetRequestDetailQuery(id))).ErasureBlockedBy, StringComparison.Ordinal);
    }
}
