using System.Data.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Caseworker commands through the real pipeline (authorisation, validation, audit, organisation scope, optimistic
/// concurrency). Requests are submitted on the form on Mon 2 Mar 2026 (PortalApp.DefaultNow): legal limit Thu 2 Apr 2026.
/// </summary>
public sealed class CaseworkCommandTests
{
    private const string Caseworker = "caseworker-STK";

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A family's access request to STK, and the version a caseworker of STK first sees.</summary>
    private static async Task<(Guid Id, Guid Version)> SubmittedAsync(PortalApp app)
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        app.Clock.Advance(TimeSpan.FromHours(1)); // the caseworker picks it up later the same day: the timeline has an order
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        return (receipt.RequestId, detail.Version);
    }

    /// <summary>
    /// Sends one command and checks what every successful change leaves behind: exactly one audit row naming the
    /// command, the caseworker and the request, and exactly one new timeline event at the fake clock's time.
    /// </summary>
    private static async Task<CaseState> StepAsync(PortalApp app, IRequest<CaseState> command, Guid requestId, Guid before, string kind)
    {
        List<Guid> eventsBefore;
        long lastAudit;
        await using (var db = app.Db())
        {
            eventsBefore = (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Events.Select(e => e.Id).ToList();
            lastAudit = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
        }

        var state = await app.SendAsync(command);

        await using var after = app.Db();
        var audit = Assert.Single(await after.AuditEvents.AsNoTracking().Where(e => e.Id > lastAudit).ToListAsync());
        Assert.Equal(command.GetType().Name, audit.Action);
        Assert.Equal("Succeeded", audit.Outcome);
        Assert.Equal(requestId, audit.RequestId);
        Assert.Equal(app.OrganisationId("STK"), audit.OrganisationId);
        Assert.Equal(Caseworker, audit.ActorId);

        var request = await after.Requests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        var added = Assert.Single(request.Events, e => !eventsBefore.Contains(e.Id));
        Assert.Equal(eventsBefore.Count + 1, request.Events.Count);
        Assert.Equal(kind, added.Kind);
        Assert.Equal(Caseworker, added.ActorId);
        Assert.Equal(app.Clock.GetUtcNow(), added.At);

        Assert.Equal(requestId, state.RequestId);
        Assert.NotEqual(before, state.Version);
        Assert.Equal(request.Version, state.Version);
        Assert.Equal(request.Status, state.Status);
        Assert.Equal(request.DueOn, state.DueOn);
        return state;
    }

    [Fact]
    public async Task A_request_needing_ID_goes_from_receipt_to_closure_with_the_right_dates_one_audit_row_and_one_event_per_step()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        // Mon 2 Mar: ID asked for. The clock does not move until it arrives: still Thu 2 Apr 2026.
        var s1 = await StepAsync(app, new RequestIdentityCommand(id, v0, "Email address does not match our records"), id, v0, "Identity requested");
        Assert.Equal(RequestStatus.AwaitingIdentity, s1.Status);
        Assert.Equal(new DateOnly(2026, 4, 2), s1.DueOn);

        // Thu 5 Mar: ID arrives and the clock restarts. One month is Sun 5 Apr (Easter Day), Mon 6 Apr is Easter Monday: Tue 7 Apr 2026.
        app.Clock.SetUtcNow(At(3, 5));
        var s2 = await StepAsync(app, new RecordIdentityReceivedCommand(id, s1.Version, new DateOnly(2026, 3, 5)), id, s1.Version, "Identity received");
        Assert.Equal(RequestStatus.InProgress, s2.Status);
        Assert.Equal(new DateOnly(2026, 4, 7), s2.DueOn);

        // Tue 10 Mar: paused for clarification; the deadline waits for the answer.
        app.Clock.SetUtcNow(At(3, 10));
        var s3 = await StepAsync(app, new PauseForClarificationCommand(id, s2.Version, new DateOnly(2026, 3, 10), "Which school years are wanted?"), id, s2.Version, "Clarification requested");
        Assert.Equal(RequestStatus.ClarificationRequested, s3.Status);
        Assert.Equal(new DateOnly(2026, 4, 7), s3.DueOn);

        // Fri 13 Mar: answered. Paused 10-13 Mar counting both ends = 4 days: Sun 5 Apr + 4 = Thu 9 Apr 2026 (a working day).
        app.Clock.SetUtcNow(At(3, 13));
        var s4 = await StepAsync(app, new RecordClarificationAnswerCommand(id, s3.Version, new DateOnly(2026, 3, 13)), id, s3.Version, "Clarification received");
        Assert.Equal(RequestStatus.InProgress, s4.Status);
        Assert.Equal(new DateOnly(2026, 4, 9), s4.DueOn);

        // Mon 16 Mar: extended. Three months from Thu 5 Mar is Fri 5 Jun, plus the 4 paused days: Tue 9 Jun 2026.
        app.Clock.SetUtcNow(At(3, 16));
        var s5 = await StepAsync(app, new ExtendDeadlineCommand(id, s4.Version, "Records are held by four services"), id, s4.Version, "Deadline extended");
        Assert.Equal(RequestStatus.InProgress, s5.Status);
        Assert.Equal(new DateOnly(2026, 6, 9), s5.DueOn);

        app.Clock.SetUtcNow(At(3, 20));
        var s5b = await StepAsync(app, new RecordDisclosureCommand(id, s5.Version, "EHC plan and annual reviews, 2021 to 2025", Disposition.Disclosed, null, null), id, s5.Version, "Record listed");

        app.Clock.SetUtcNow(At(3, 23));
        var s6 = await StepAsync(app, new DraftResponseCommand(id, s5b.Version, Outcome.Complied, "Copies of every record held"), id, s5b.Version, "Response drafted");
        Assert.Equal(RequestStatus.ResponseDrafted, s6.Status);

        app.Clock.SetUtcNow(At(3, 25));
        var s7 = await StepAsync(app, new CloseRequestCommand(id, s6.Version, Outcome.Complied, new DateOnly(2026, 3, 25), null), id, s6.Version, "Closed");
        Assert.Equal(RequestStatus.Closed, s7.Status);
        Assert.Equal(new DateOnly(2026, 6, 9), s7.DueOn);

        // The case page still reads the case, with everything the steps recorded.
        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(s7.Version, detail.Version);
        Assert.Equal(RequestStatus.Closed, detail.Status);
        Assert.Equal(new DateOnly(2026, 3, 2), detail.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 5), detail.StartOn);
        Assert.Equal(new DateOnly(2026, 6, 9), detail.DueOn);
        Assert.Equal(4, detail.PausedDays);
        Assert.False(detail.Paused);
        Assert.True(detail.IdentityNeeded);
        Assert.Equal("Email address does not match our records", detail.IdentityDecisionReason);
        Assert.Equal("Records are held by four services", detail.ExtensionReason);
        Assert.Equal(Outcome.Complied, detail.Outcome);
        Assert.Equal("Copies of every record held", detail.ResponseSummary);
        Assert.Equal(new DateOnly(2026, 3, 25), detail.ResponseSentOn);
        Assert.Null(detail.RefusalReasons);
        Assert.Equal([CaseAction.ReopenForReview], detail.AllowedActions);
        Assert.Equal(
            ["Received", "Identity requested", "Identity received", "Clarification requested", "Clarification received", "Deadline extended", "Record listed", "Response drafted", "Closed"],
            detail.Timeline.Select(t => t.What));
        Assert.Equal("The family", detail.Timeline[0].Who);

        await using var db = app.Db();
        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_without_ID_can_be_refused_with_reasons_reopened_for_review_and_withdrawn()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        var s1 = await StepAsync(app, new ProceedWithoutIdentityCommand(id, v0, "Known parent; details match the EHC plan"), id, v0, "Proceeding without ID");
        Assert.Equal(RequestStatus.InProgress, s1.Status);
        Assert.Equal(new DateOnly(2026, 4, 2), s1.DueOn);

        app.Clock.SetUtcNow(At(3, 20));
        var s2 = await StepAsync(app, new DraftResponseCommand(id, s1.Version, Outcome.Refused, "Refused as manifestly excessive"), id, s1.Version, "Response drafted");

        app.Clock.SetUtcNow(At(3, 23));
        var s3 = await StepAsync(app, new CloseRequestCommand(id, s2.Version, Outcome.Refused, new DateOnly(2026, 3, 23), "The same records were sent last month."), id, s2.Version, "Closed");
        var closed = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(RequestStatus.Closed, closed.Status);
        Assert.False(closed.IdentityNeeded);
        Assert.Equal("Known parent; details match the EHC plan", closed.IdentityDecisionReason);
        Assert.NotNull(closed.RefusalReasons);
        Assert.StartsWith("The same records were sent last month.", closed.RefusalReasons, StringComparison.Ordinal);
        Assert.Contains(RefusalNotice.RightsText, closed.RefusalReasons, StringComparison.Ordinal);

        app.Clock.SetUtcNow(At(3, 30));
        var s4 = await StepAsync(app, new ReopenForReviewCommand(id, s3.Version, "The parent says last month's records were incomplete"), id, s3.Version, "Reopened for internal review");
        Assert.Equal(RequestStatus.InProgress, s4.Status);

        app.Clock.SetUtcNow(At(3, 31));
        var s5 = await StepAsync(app, new WithdrawRequestCommand(id, s4.Version, "The parent phoned: resolved with the school"), id, s4.Version, "Withdrawn");
        Assert.Equal(RequestStatus.Withdrawn, s5.Status);

        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(RequestStatus.Withdrawn, detail.Status);
        Assert.Empty(detail.AllowedActions);
        Assert.Equal(s5.Version, detail.Version);
        Assert.Equal(6, detail.Timeline.Count);
    }

    [Fact]
    public async Task A_change_naming_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);
        var current = await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Details match"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync(new PauseForClarificationCommand(id, v0, new DateOnly(2026, 3, 2), "Which records?")));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync(new WithdrawRequestCommand(id, Guid.NewGuid(), "Changed their mind")));

        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(current.Version, request.Version);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Empty(request.Pauses);
        Assert.Equal(["Received", "Proceeding without ID"], request.Events.OrderBy(e => e.At).Select(e => e.Kind));
        var refusals = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == nameof(PauseForClarificationCommand) || e.Action == nameof(WithdrawRequestCommand)).ToListAsync();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Equal("Refused", r.Outcome));
    }

    [Fact]
    public async Task When_two_people_load_the_same_version_the_first_change_wins_and_the_second_is_refused()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var seenByCaseworker = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var seenByDpo = await app.AsDpo("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(seenByCaseworker.Version, seenByDpo.Version);

        var first = await app.AsCaseworker("STK").SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, seenByCaseworker.Version, "Details match"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.AsDpo("STK").SendAsync(new RequestIdentityCommand(receipt.RequestId, seenByDpo.Version, "Sensitive records: check ID")));

        var detail = await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(first.Version, detail.Version);
        Assert.Equal(RequestStatus.InProgress, detail.Status);
        Assert.False(detail.IdentityNeeded);
        Assert.Equal(["Received", "Proceeding without ID"], detail.Timeline.Select(t => t.What));
    }

    [Fact]
    public async Task Two_changes_that_both_loaded_the_case_before_either_saved_cannot_both_land()
    {
        // Each context has its own connection, and both commands are held after reading the case until both have read
        // it: so both pass the version check, and only the database's concurrency token can stop the second save.
        var barrier = new ReadBarrier(parties: 2);
        await using var app = await PortalApp.StartAsync(
            configure: s => s.ConfigureDbContext<PortalDb>(o => o.AddInterceptors(barrier), ServiceLifetime.Singleton),
            connectionPerOperation: true);
        var (id, v0) = await SubmittedAsync(app);

        barrier.Armed = true;
        var proceed = Task.Run(() => app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Details match")));
        var askForId = Task.Run(() => app.SendAsync(new RequestIdentityCommand(id, v0, "Sensitive records: check ID")));
        var outcomes = await Task.WhenAll(Capture(proceed), Capture(askForId));
        barrier.Armed = false;

        Assert.True(barrier.Met, "Both commands should have read the case before either saved.");
        var winner = Assert.Single(outcomes, o => o.State is not null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<ConcurrencyConflictException>(loser.Error);

        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(winner.State!.Version, request.Version);
        Assert.Equal(winner.State.Status, request.Status);
        Assert.Equal(2, request.Events.Count);
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == nameof(ProceedWithoutIdentityCommand) || e.Action == nameof(RequestIdentityCommand)).ToListAsync();
        Assert.Equal(["Refused", "Succeeded"], audit.Select(a => a.Outcome).Order(StringComparer.Ordinal));
        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    private static async Task<(CaseState? State, Exception? Error)> Capture(Task<CaseState> task)
    {
        try
        {
            return (await task, null);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or DbUpdateException)
        {
            return (null, ex);
        }
    }

    /// <summary>Every caseworker command, for a given case and version.</summary>
    public static TheoryData<string, Func<Guid, Guid, IRequest<CaseState>>> EveryCommand() => new()
    {
        { nameof(RequestIdentityCommand), (id, v) => new RequestIdentityCommand(id, v, "Check ID") },
        { nameof(ProceedWithoutIdentityCommand), (id, v) => new ProceedWithoutIdentityCommand(id, v, "Details match") },
        { nameof(RecordIdentityReceivedCommand), (id, v) => new RecordIdentityReceivedCommand(id, v, new DateOnly(2026, 3, 2)) },
        { nameof(PauseForClarificationCommand), (id, v) => new PauseForClarificationCommand(id, v, new DateOnly(2026, 3, 2), "Which records?") },
        { nameof(RecordClarificationAnswerCommand), (id, v) => new RecordClarificationAnswerCommand(id, v, new DateOnly(2026, 3, 2)) },
        { nameof(ExtendDeadlineCommand), (id, v) => new ExtendDeadlineCommand(id, v, "Complex") },
        { nameof(DraftResponseCommand), (id, v) => new DraftResponseCommand(id, v, Outcome.Complied, "All records") },
        { nameof(CloseRequestCommand), (id, v) => new CloseRequestCommand(id, v, Outcome.Complied, new DateOnly(2026, 3, 2), null) },
        { nameof(WithdrawRequestCommand), (id, v) => new WithdrawRequestCommand(id, v, "Changed their mind") },
        { nameof(ReopenForReviewCommand), (id, v) => new ReopenForReviewCommand(id, v, "Review asked for") },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task A_caseworker_of_another_organisation_cannot_find_the_case_to_change_it(string name, Func<Guid, Guid, IRequest<CaseState>> command)
    {
        Assert.NotEmpty(name);
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("BAR").SendAsync(command(id, v0)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("BAR").SendAsync(command(id, v0)));

        await AssertUnchangedAsync(app, id, v0);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task The_public_an_administrator_and_staff_without_an_organisation_are_forbidden_to_change_a_case(string name, Func<Guid, Guid, IRequest<CaseState>> command)
    {
        Assert.NotEmpty(name);
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(command(id, v0)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(command(id, v0)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworkerWithoutOrganisation().SendAsync(command(id, v0)));

        await AssertUnchangedAsync(app, id, v0);
    }

    public static TheoryData<string, string, Func<Guid, Guid, IRequest<CaseState>>> BlankReasons() => new()
    {
        { "asking for ID", "Reason", (id, v) => new RequestIdentityCommand(id, v, " ") },
        { "proceeding without ID", "Reason", (id, v) => new ProceedWithoutIdentityCommand(id, v, "") },
        { "pausing", "Reason", (id, v) => new PauseForClarificationCommand(id, v, new DateOnly(2026, 3, 2), "  ") },
        { "extending", "Reason", (id, v) => new ExtendDeadlineCommand(id, v, "") },
        { "drafting", "Summary", (id, v) => new DraftResponseCommand(id, v, Outcome.Complied, " ") },
        { "withdrawing", "Reason", (id, v) => new WithdrawRequestCommand(id, v, "") },
        { "reopening", "Reason", (id, v) => new ReopenForReviewCommand(id, v, "\t") },
    };

    [Theory]
    [MemberData(nameof(BlankReasons))]
    public async Task A_change_without_its_reason_is_refused_on_that_field_before_anything_is_touched(string change, string field, Func<Guid, Guid, IRequest<CaseState>> command)
    {
        Assert.NotEmpty(change);
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(command(id, v0)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(field, error.PropertyName);
        Assert.Matches("^[A-Z].*[.]$", error.ErrorMessage);
        await AssertUnchangedAsync(app, id, v0);
    }

    [Fact]
    public async Task A_refusal_closed_without_reasons_is_refused_and_the_case_stays_drafted()
    {
        // The validator names the field; the aggregate refuses the same thing on its own (see CaseStateMachineTests).
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Details match"));
        var s2 = await app.SendAsync(new DraftResponseCommand(id, s1.Version, Outcome.Refused, "Refused as manifestly excessive"));

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.SendAsync(new CloseRequestCommand(id, s2.Version, Outcome.Refused, new DateOnly(2026, 3, 2), " ")));

        var failure = Assert.Single(refused.Errors, e => e.PropertyName == nameof(CloseRequestCommand.RefusalReasons));
        Assert.Contains("reasons", failure.ErrorMessage, StringComparison.Ordinal);
        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(RequestStatus.ResponseDrafted, detail.Status);
        Assert.Equal(s2.Version, detail.Version);
        Assert.Null(detail.ResponseSentOn);
    }

    [Fact]
    public async Task A_refused_case_change_is_audited_against_its_case()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new RecordIdentityReceivedCommand(id, v0, new DateOnly(2026, 3, 2))));

        await using var db = app.Db();
        var row = await db.AuditEvents.OrderBy(e => e.Id).LastAsync();
        Assert.Equal("RecordIdentityReceivedCommand", row.Action);
        Assert.Equal("Refused", row.Outcome);
        Assert.Equal(id, row.RequestId);
    }

    [Fact]
    public async Task An_extension_on_the_last_day_of_the_first_month_is_allowed()
    {
        // Received Mon 2 Mar 2026: the first month ends Thu 2 Apr 2026; three months is Tue 2 Jun 2026.
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Details match"));

        app.Clock.SetUtcNow(At(4, 2));
        var extended = await app.SendAsync(new ExtendDeadlineCommand(id, s1.Version, "Records held by four services"));

        Assert.Equal(new DateOnly(2026, 6, 2), extended.DueOn);
    }

    [Fact]
    public async Task An_extension_after_the_first_month_is_refused_and_the_deadline_stays()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(id, v0, "Details match"));

        app.Clock.SetUtcNow(At(4, 3)); // Fri 3 Apr 2026: the day after the first month ended
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new ExtendDeadlineCommand(id, s1.Version, "Records held by four services")));

        Assert.Contains("first month", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Thu 2 Apr 2026", refused.Message, StringComparison.Ordinal);
        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(new DateOnly(2026, 4, 2), detail.DueOn);
        Assert.Null(detail.ExtensionReason);
        Assert.Equal(s1.Version, detail.Version);
        Assert.DoesNotContain(CaseAction.Extend, detail.AllowedActions); // no longer offered once the first month has ended
    }

    [Fact]
    public async Task An_illegal_transition_through_a_command_is_refused_and_audited_as_refused()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, v0) = await SubmittedAsync(app);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new CloseRequestCommand(id, v0, Outcome.Complied, new DateOnly(2026, 3, 2), null)));

        Assert.StartsWith("Draft the response before closing", refused.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(app, id, v0);
        await using var db = app.Db();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == nameof(CloseRequestCommand));
        Assert.Equal("Refused", audit.Outcome);
        Assert.Equal(Caseworker, audit.ActorId);
    }

    /// <summary>The case is exactly as the family's form left it: same version, status and timeline; no change audited as done.</summary>
    private static async Task AssertUnchangedAsync(PortalApp app, Guid id, Guid version)
    {
        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(version, request.Version);
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal("Received", Assert.Single(request.Events).Kind);
        Assert.Equal(nameof(Features.Public.SubmitAccessRequestCommand), Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.Outcome == "Succeeded").ToListAsync()).Action);
    }

    /// <summary>Holds each command just after it has read the case, until the given number of commands have read it.</summary>
    private sealed class ReadBarrier(int parties) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public volatile bool Armed;

        public bool Met => allArrived.Task.IsCompletedSuccessfully;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
                && command.CommandText.Contains("FROM \"Requests\"", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref arrived) == parties)
                {
                    allArrived.TrySetResult();
                }

                try
                {
                    await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Let the command go on: the test then fails on Met rather than hanging.
                }
            }

            return result;
        }
    }
}
