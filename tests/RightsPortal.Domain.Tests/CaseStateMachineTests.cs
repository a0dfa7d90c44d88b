using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>
/// The case state machine: what a caseworker may do in each state, what is refused (with a sentence saying why), and
/// the timeline entry every change leaves. Requests are received Mon 2 Mar 2026 (legal limit Thu 2 Apr 2026).
/// </summary>
public sealed class CaseStateMachineTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly ClockSettings Settings = ClockSettings.Default;
    private static readonly DateOnly Mar2 = new(2026, 3, 2);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A caseworker acting at noon on the given day (UK winter time, so UTC).</summary>
    private static CaseContext On(DateOnly today, string actor = "caseworker-1") =>
        new(actor, new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, Settings);

    private static RightsRequest Received(Right right = Right.Access, string? recordedBy = null) => RightsRequest.Receive(
        Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Letter,
        new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
        ["health"], null, Mar2, ReceivedAt, Mar2, Calculator, Settings, recordedBy);

    private static RightsRequest AwaitingIdentity()
    {
        var request = Received();
        request.RequestIdentity("Email address does not match our records", On(Mar2));
        return request;
    }

    private static RightsRequest InProgress(Right right = Right.Access)
    {
        var request = Received(right);
        request.ProceedWithoutIdentity("Details match our records", On(Mar2));
        return request;
    }

    private static RightsRequest ClarificationRequested()
    {
        var request = InProgress();
        request.PauseForClarification(new DateOnly(2026, 3, 5), "Which school years?", On(new DateOnly(2026, 3, 5)));
        return request;
    }

    private static RightsRequest ResponseDrafted(Outcome outcome = Outcome.Complied)
    {
        var request = InProgress();
        ListRecordsFor(request, outcome, On(new DateOnly(2026, 3, 20)));
        request.DraftResponse(outcome, "Copies of all records held", On(new DateOnly(2026, 3, 20)));
        return request;
    }

    /// <summary>The records found, as an access response with this outcome must have listed them.</summary>
    private static void ListRecordsFor(RightsRequest request, Outcome outcome, CaseContext ctx)
    {
        foreach (var item in request.Disclosures.ToList()) request.RemoveDisclosure(item.Id, ctx);
        if (outcome is Outcome.Complied or Outcome.PartlyComplied) request.RecordDisclosure("EHC plan, final, 2025", Disposition.Disclosed, null, null, ctx);
        if (outcome == Outcome.PartlyComplied) request.RecordDisclosure("Psychology report", Disposition.Redacted, Exemption.ThirdParty, "Names another child", ctx);
        if (outcome == Outcome.Refused) request.RecordDisclosure("Legal advice on the tribunal appeal", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice", ctx);
    }

    private static RightsRequest AwaitingFee()
    {
        var request = InProgress();
        request.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "Fifth request for the same records this month", On(new DateOnly(2026, 3, 4)));
        return request;
    }

    private static RightsRequest Transferred()
    {
        var request = InProgress();
        var receiving = RightsRequest.ReceiveTransfer(request, "Stoke", Guid.NewGuid(), "HHJ-2026-000001", ["ehc"], null, On(new DateOnly(2026, 3, 4), "cw-x"));
        request.TransferTo(receiving, "Hursthead Junior School", true, null, "The records are the school's", On(new DateOnly(2026, 3, 4)));
        return request;
    }

    private static RightsRequest Closed()
    {
        var request = ResponseDrafted();
        request.Close(Outcome.Complied, new DateOnly(2026, 3, 23), null, On(new DateOnly(2026, 3, 23)));
        return request;
    }

    private static RightsRequest Withdrawn()
    {
        var request = InProgress();
        request.Withdraw("The parent phoned to say the matter is resolved", On(new DateOnly(2026, 3, 10)));
        return request;
    }

    private static readonly Dictionary<string, Func<RightsRequest>> States = new()
    {
        ["received"] = () => Received(),
        ["awaiting identity"] = AwaitingIdentity,
        ["in progress (access)"] = () => InProgress(),
        ["in progress (erasure)"] = () => InProgress(Right.Erasure),
        ["clarification requested"] = ClarificationRequested,
        ["response drafted"] = () => ResponseDrafted(),
        ["closed"] = Closed,
        ["withdrawn"] = Withdrawn,
        ["awaiting fee"] = AwaitingFee,
        ["transferred"] = Transferred,
    };

    public static TheoryData<string, RequestStatus, CaseAction[]> AllowedByState() => new()
    {
        { "received", RequestStatus.Received, [CaseAction.RequestIdentity, CaseAction.ProceedWithoutIdentity, CaseAction.Transfer, CaseAction.Extend, CaseAction.Withdraw] },
        { "awaiting identity", RequestStatus.AwaitingIdentity, [CaseAction.RecordIdentityReceived, CaseAction.Transfer, CaseAction.Extend, CaseAction.Withdraw] },
        { "awaiting fee", RequestStatus.AwaitingFee, [CaseAction.RecordFeePaid, CaseAction.WaiveFee, CaseAction.Withdraw] },
        { "in progress (access)", RequestStatus.InProgress, [CaseAction.PauseForClarification, CaseAction.RecordDecision, CaseAction.RequestFee, CaseAction.DraftResponse, CaseAction.Transfer, CaseAction.Extend, CaseAction.Withdraw] },
        { "in progress (erasure)", RequestStatus.InProgress, [CaseAction.RecordDecision, CaseAction.RequestFee, CaseAction.DraftResponse, CaseAction.Transfer, CaseAction.Extend, CaseAction.Withdraw] },
        { "clarification requested", RequestStatus.ClarificationRequested, [CaseAction.RecordClarificationAnswer, CaseAction.Extend, CaseAction.Withdraw] },
        { "response drafted", RequestStatus.ResponseDrafted, [CaseAction.RecordDecision, CaseAction.Close, CaseAction.DraftResponse, CaseAction.Withdraw] },
        { "closed", RequestStatus.Closed, [CaseAction.ReopenForReview] },
        { "withdrawn", RequestStatus.Withdrawn, [] },
        { "transferred", RequestStatus.Transferred, [] },
    };

    [Theory]
    [MemberData(nameof(AllowedByState))]
    public void Each_state_offers_exactly_its_own_actions(string state, RequestStatus status, CaseAction[] expected)
    {
        var request = States[state]();

        Assert.Equal(status, request.Status);
        Assert.Equal(expected.Order(), request.AllowedActions().Order());
    }

    [Theory]
    [InlineData("received")]
    [InlineData("awaiting identity")]
    [InlineData("in progress (access)")]
    [InlineData("clarification requested")]
    public void Once_the_deadline_has_been_extended_extension_is_no_longer_offered(string state)
    {
        var request = States[state]();
        Assert.Contains(CaseAction.Extend, request.AllowedActions());

        request.Extend("Records are held by four services", On(new DateOnly(2026, 3, 10)));

        Assert.DoesNotContain(CaseAction.Extend, request.AllowedActions());
        Assert.Contains(CaseAction.Withdraw, request.AllowedActions()); // the rest of the state's actions remain
    }

    [Fact]
    public void A_complaint_is_never_offered_an_extension()
    {
        var complaint = Received(Right.Complaint);

        Assert.Equal(
            new[] { CaseAction.RequestIdentity, CaseAction.ProceedWithoutIdentity, CaseAction.Transfer, CaseAction.Withdraw }.Order(),
            complaint.AllowedActions().Order());
        Assert.Throws<DomainRuleException>(() => complaint.Extend("Complex", On(new DateOnly(2026, 3, 10))));
    }

    public static TheoryData<string, string, Action<RightsRequest>, string> IllegalTransitions() => new()
    {
        {
            "closing without a drafted response", "in progress (access)",
            r => r.Close(Outcome.Complied, new DateOnly(2026, 3, 20), null, On(new DateOnly(2026, 3, 20))),
            "Draft the response before closing: a request cannot close without an outcome and a response. (The request is in progress.)"
        },
        {
            "recording ID that was never asked for", "in progress (access)",
            r => r.RecordIdentityReceived(new DateOnly(2026, 3, 5), On(new DateOnly(2026, 3, 5))),
            "No ID was asked for, so there is nothing to record. (The request is in progress.)"
        },
        {
            "recording ID before deciding whether it is needed", "received",
            r => r.RecordIdentityReceived(new DateOnly(2026, 3, 5), On(new DateOnly(2026, 3, 5))),
            "No ID was asked for, so there is nothing to record. (The request is received.)"
        },
        {
            "pausing while awaiting ID", "awaiting identity",
            r => r.PauseForClarification(new DateOnly(2026, 3, 5), "Which school years?", On(new DateOnly(2026, 3, 5))),
            "Clarification can only be asked for while the request is being worked on. (The request is waiting for ID or authority.)"
        },
        {
            "pausing an erasure request", "in progress (erasure)",
            r => r.PauseForClarification(new DateOnly(2026, 3, 5), "Which records?", On(new DateOnly(2026, 3, 5))),
            "Only access requests can be paused for clarification."
        },
        {
            "pausing a closed request", "closed",
            r => r.PauseForClarification(new DateOnly(2026, 3, 24), "Which school years?", On(new DateOnly(2026, 3, 24))),
            "Clarification can only be asked for while the request is being worked on. (The request is closed.)"
        },
        {
            "reopening a request that is not closed", "in progress (access)",
            r => r.ReopenForReview("The parent asked for a review", On(new DateOnly(2026, 3, 20))),
            "Only a closed request can be reopened for internal review. (The request is in progress.)"
        },
        {
            "reopening a withdrawn request", "withdrawn",
            r => r.ReopenForReview("The parent asked for a review", On(new DateOnly(2026, 3, 20))),
            "Only a closed request can be reopened for internal review. (The request is withdrawn.)"
        },
        {
            "withdrawing a closed request", "closed",
            r => r.Withdraw("Changed their mind", On(new DateOnly(2026, 3, 24))),
            "A closed or withdrawn request cannot be withdrawn. (The request is closed.)"
        },
        {
            "withdrawing a withdrawn request", "withdrawn",
            r => r.Withdraw("Changed their mind", On(new DateOnly(2026, 3, 24))),
            "A closed or withdrawn request cannot be withdrawn. (The request is withdrawn.)"
        },
        {
            "asking for ID once work has started", "in progress (access)",
            r => r.RequestIdentity("Check who they are", On(new DateOnly(2026, 3, 5))),
            "ID can only be asked for before work on the request starts. (The request is in progress.)"
        },
        {
            "asking for ID twice", "awaiting identity",
            r => r.RequestIdentity("Check who they are", On(new DateOnly(2026, 3, 5))),
            "ID can only be asked for before work on the request starts. (The request is waiting for ID or authority.)"
        },
        {
            "proceeding without ID while waiting for it", "awaiting identity",
            r => r.ProceedWithoutIdentity("Never mind", On(new DateOnly(2026, 3, 5))),
            "This request is already past the identity check. (The request is waiting for ID or authority.)"
        },
        {
            "drafting a response before the identity decision", "received",
            r => r.DraftResponse(Outcome.Complied, "All records", On(new DateOnly(2026, 3, 5))),
            "A response can be drafted only while the request is being worked on. (The request is received.)"
        },
        {
            "drafting a response while paused", "clarification requested",
            r => r.DraftResponse(Outcome.Complied, "All records", On(new DateOnly(2026, 3, 6))),
            "A response can be drafted only while the request is being worked on. (The request is waiting for clarification.)"
        },
        {
            "drafting a response to a closed request", "closed",
            r => r.DraftResponse(Outcome.Complied, "All records", On(new DateOnly(2026, 3, 24))),
            "A response can be drafted only while the request is being worked on. (The request is closed.)"
        },
        {
            "extending a closed request", "closed",
            r => r.Extend("Complex", On(new DateOnly(2026, 3, 24))),
            "An extension can only be decided while the request is still being worked on, before a response is drafted. (The request is closed.)"
        },
        {
            "extending a drafted response", "response drafted",
            r => r.Extend("Complex", On(new DateOnly(2026, 3, 21))),
            "An extension can only be decided while the request is still being worked on, before a response is drafted. (The request is response drafted.)"
        },
        {
            "recording an answer when nothing was asked", "in progress (access)",
            r => r.ClarificationAnswered(new DateOnly(2026, 3, 9), On(new DateOnly(2026, 3, 9))),
            "The clock is not paused, so there is no answer to record. (The request is in progress.)"
        },
        {
            "closing twice", "closed",
            r => r.Close(Outcome.Complied, new DateOnly(2026, 3, 24), null, On(new DateOnly(2026, 3, 24))),
            "Draft the response before closing: a request cannot close without an outcome and a response. (The request is closed.)"
        },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void An_illegal_transition_is_refused_with_a_sentence_and_changes_nothing(string transition, string state, Action<RightsRequest> attempt, string message)
    {
        Assert.NotEmpty(transition);
        var request = States[state]();
        var (status, version, events) = (request.Status, request.Version, request.Events.Count);

        var refused = Assert.Throws<DomainRuleException>(() => attempt(request));

        Assert.Equal(message, refused.Message);
        AssertSentence(refused.Message);
        Assert.Equal(status, request.Status);
        Assert.Equal(version, request.Version);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void An_answer_arriving_after_the_request_was_withdrawn_does_not_bring_it_back()
    {
        var request = ClarificationRequested();
        request.Withdraw("The parent no longer wants the records", On(new DateOnly(2026, 3, 6)));

        var refused = Assert.Throws<DomainRuleException>(() => request.ClarificationAnswered(new DateOnly(2026, 3, 9), On(new DateOnly(2026, 3, 9))));

        AssertSentence(refused.Message);
        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Empty(request.AllowedActions());
    }

    [Fact]
    public void Asking_for_ID_records_the_reason_and_waits_for_it()
    {
        var request = Received();
        request.RequestIdentity("  Email address does not match our records  ", On(Mar2));

        Assert.Equal(RequestStatus.AwaitingIdentity, request.Status);
        Assert.True(request.IdentityNeeded);
        Assert.Equal("Email address does not match our records", request.IdentityDecisionReason);
        Assert.Equal(Mar2, request.StartOn); // asking for ID does not move the clock; its arrival does
        Assert.Equal(new DateOnly(2026, 4, 2), request.DueOn);
        var entry = request.Events[^1];
        Assert.Equal("Identity requested", entry.Kind);
        Assert.Equal("Email address does not match our records", entry.Detail);
    }

    [Fact]
    public void Proceeding_without_ID_records_the_reason_and_starts_work()
    {
        var request = Received();
        request.ProceedWithoutIdentity("Known parent; details match the EHC plan", On(Mar2));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.False(request.IdentityNeeded);
        Assert.Equal("Known parent; details match the EHC plan", request.IdentityDecisionReason);
        var entry = request.Events[^1];
        Assert.Equal("Proceeding without ID", entry.Kind);
        Assert.Equal("Known parent; details match the EHC plan", entry.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Either_identity_decision_without_a_reason_is_refused(string blank)
    {
        var asking = Received();
        var refusedAsk = Assert.Throws<DomainRuleException>(() => asking.RequestIdentity(blank, On(Mar2)));
        Assert.Equal("Say why proof of identity or authority is needed: it must be reasonable and proportionate.", refusedAsk.Message);

        var proceeding = Received();
        var refusedProceed = Assert.Throws<DomainRuleException>(() => proceeding.ProceedWithoutIdentity(blank, On(Mar2)));
        Assert.Equal("Say why no proof of identity or authority is needed.", refusedProceed.Message);

        foreach (var request in new[] { asking, proceeding })
        {
            Assert.Equal(RequestStatus.Received, request.Status);
            Assert.Null(request.IdentityNeeded);
            Assert.Null(request.IdentityDecisionReason);
            Assert.Single(request.Events);
        }
    }

    [Fact]
    public void ID_arriving_restarts_the_clock_from_that_day_and_work_starts()
    {
        // Received Mon 2 Mar 2026; ID asked for the same day and arrives Mon 16 Mar: one month is Thu 16 Apr 2026.
        var request = AwaitingIdentity();
        request.RecordIdentityReceived(new DateOnly(2026, 3, 16), On(new DateOnly(2026, 3, 17)));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(Mar2, request.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 16), request.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 16), request.DueOn);
        var entry = request.Events[^1];
        Assert.Equal("Identity received", entry.Kind);
        Assert.Equal("Arrived on Mon 16 Mar 2026; the clock runs from Mon 16 Mar 2026.", entry.Detail);
    }

    [Fact]
    public void ID_dated_in_the_future_or_before_the_request_is_refused_and_the_request_keeps_waiting()
    {
        var request = AwaitingIdentity();
        Assert.Throws<DomainRuleException>(() => request.RecordIdentityReceived(new DateOnly(2026, 3, 18), On(new DateOnly(2026, 3, 17))));
        Assert.Throws<DomainRuleException>(() => request.RecordIdentityReceived(new DateOnly(2026, 3, 1), On(new DateOnly(2026, 3, 17))));

        Assert.Equal(RequestStatus.AwaitingIdentity, request.Status);
        Assert.Equal(Mar2, request.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 2), request.DueOn);
    }

    [Fact]
    public void A_fee_or_authority_arriving_restarts_the_clock_on_the_timeline_but_never_on_a_closed_or_withdrawn_request()
    {
        // Received Mon 2 Mar 2026; authority arrives Mon 9 Mar: one month is Thu 9 Apr 2026.
        var request = InProgress();
        var events = request.Events.Count;
        request.RestartClock(new DateOnly(2026, 3, 9), On(new DateOnly(2026, 3, 9), "caseworker-2"));
        Assert.Equal(new DateOnly(2026, 4, 9), request.DueOn);
        Assert.Equal(events + 1, request.Events.Count);
        Assert.Equal("Clock restarted", request.Events[^1].Kind);
        Assert.Equal("caseworker-2", request.Events[^1].ActorId);

        foreach (var ended in new[] { Closed(), Withdrawn() })
        {
            var (start, due, version) = (ended.StartOn, ended.DueOn, ended.Version);
            var refused = Assert.Throws<DomainRuleException>(() => ended.RestartClock(new DateOnly(2026, 3, 24), On(new DateOnly(2026, 3, 24))));
            AssertSentence(refused.Message);
            Assert.Equal((start, due, version), (ended.StartOn, ended.DueOn, ended.Version));
        }
    }

    [Fact]
    public void A_case_is_given_to_someone_or_to_nobody_while_open_and_never_once_finished()
    {
        var request = InProgress();
        var today = new DateOnly(2026, 3, 3);
        request.AssignTo("cw-2", "Sam Caseworker", On(today));
        Assert.Equal("cw-2", request.AssignedTo);
        Assert.Equal(("Assigned", "Given to Sam Caseworker."), (request.Events[^1].Kind, request.Events[^1].Detail));

        var again = Assert.Throws<DomainRuleException>(() => request.AssignTo("cw-2", "Sam Caseworker", On(today)));
        AssertSentence(again.Message);
        request.AssignTo(null, null, On(today));
        Assert.Null(request.AssignedTo);
        Assert.Equal("Unassigned", request.Events[^1].Kind);

        foreach (var ended in new[] { Closed(), Withdrawn() })
        {
            var version = ended.Version;
            var refused = Assert.Throws<DomainRuleException>(() => ended.AssignTo("cw-2", "Sam Caseworker", On(today)));
            AssertSentence(refused.Message);
            Assert.Equal((null, version), (ended.AssignedTo, ended.Version));
        }
    }

    [Fact]
    public void A_redraft_without_a_summary_is_refused_and_the_first_draft_stands()
    {
        var request = ResponseDrafted(Outcome.Complied);
        var events = request.Events.Count;

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Refused, "  ", On(new DateOnly(2026, 3, 21))));

        Assert.Equal("Summarise the response: what is being disclosed, corrected or refused.", refused.Message);
        Assert.Equal(Outcome.Complied, request.Outcome);
        Assert.Equal("Copies of all records held", request.ResponseSummary);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void Closing_as_complied_needs_no_reasons_and_records_the_response()
    {
        var request = ResponseDrafted();
        request.Close(Outcome.Complied, new DateOnly(2026, 3, 23), null, On(new DateOnly(2026, 3, 24)));

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(Outcome.Complied, request.Outcome);
        Assert.Equal(new DateOnly(2026, 3, 23), request.ResponseSentOn);
        Assert.Equal(new DateOnly(2026, 3, 24), request.ClosedOn);
        Assert.Null(request.RefusalReasons);
        var entry = request.Events[^1];
        Assert.Equal("Closed", entry.Kind);
        Assert.Equal("Complied in full; response sent on Mon 23 Mar 2026.", entry.Detail);
    }

    [Theory]
    [InlineData(Outcome.Refused, null)]
    [InlineData(Outcome.Refused, "")]
    [InlineData(Outcome.PartlyComplied, "   ")]
    public void A_refusal_in_whole_or_part_without_reasons_is_refused(Outcome outcome, string? reasons)
    {
        var request = ResponseDrafted(outcome);

        var refused = Assert.Throws<DomainRuleException>(() => request.Close(outcome, new DateOnly(2026, 3, 23), reasons, On(new DateOnly(2026, 3, 23))));

        Assert.Contains("reasons", refused.Message, StringComparison.Ordinal);
        AssertSentence(refused.Message);
        Assert.Equal(RequestStatus.ResponseDrafted, request.Status);
        Assert.Null(request.ResponseSentOn);
        Assert.Null(request.RefusalReasons);
    }

    [Theory]
    [InlineData(Outcome.Refused)]
    [InlineData(Outcome.PartlyComplied)]
    public void A_refusal_stores_its_reasons_with_the_right_to_complain_to_the_ICO_and_to_go_to_court(Outcome outcome)
    {
        var request = ResponseDrafted(outcome);
        request.Close(outcome, new DateOnly(2026, 3, 23), "  Third-party information about another child is withheld.  ", On(new DateOnly(2026, 3, 23)));

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(outcome, request.Outcome);
        Assert.NotNull(request.RefusalReasons);
        Assert.StartsWith("Third-party information about another child is withheld.", request.RefusalReasons, StringComparison.Ordinal);
        Assert.Contains(RefusalNotice.RightsText, request.RefusalReasons, StringComparison.Ordinal);
        Assert.Contains("Information Commissioner's Office", RefusalNotice.RightsText, StringComparison.Ordinal);
        Assert.Contains("courts", RefusalNotice.RightsText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_sent_in_the_future_or_before_the_request_arrived_is_refused()
    {
        var request = ResponseDrafted();
        var future = Assert.Throws<DomainRuleException>(() => request.Close(Outcome.Complied, new DateOnly(2026, 3, 24), null, On(new DateOnly(2026, 3, 23))));
        var early = Assert.Throws<DomainRuleException>(() => request.Close(Outcome.Complied, new DateOnly(2026, 3, 1), null, On(new DateOnly(2026, 3, 23))));

        Assert.Contains("future", future.Message, StringComparison.Ordinal);
        Assert.Contains("before the request arrived", early.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.ResponseDrafted, request.Status);
        Assert.Null(request.ResponseSentOn);
        Assert.Null(request.ClosedOn);
    }

    [Fact]
    public void A_response_sent_on_the_day_received_or_on_the_legal_limit_is_not_late()
    {
        var sameDay = ResponseDrafted(Outcome.NothingHeld);
        sameDay.Close(Outcome.NothingHeld, Mar2, null, On(new DateOnly(2026, 3, 20)));
        Assert.Equal(Mar2, sameDay.ResponseSentOn);

        var onTheDay = ResponseDrafted();
        onTheDay.Close(Outcome.Complied, new DateOnly(2026, 4, 2), null, On(new DateOnly(2026, 4, 2)));
        Assert.DoesNotContain("after the legal limit", onTheDay.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_sent_after_the_legal_limit_records_how_late_it_was()
    {
        // Legal limit Thu 2 Apr 2026; sent Tue 7 Apr 2026: five days late.
        var request = ResponseDrafted();
        request.Close(Outcome.Complied, new DateOnly(2026, 4, 7), null, On(new DateOnly(2026, 4, 8)));

        Assert.Equal(
            "Complied in full; response sent on Tue 7 Apr 2026. This was 5 day(s) after the legal limit of Thu 2 Apr 2026.",
            request.Events[^1].Detail);
    }

    [Fact]
    public void Closing_as_complied_after_a_review_leaves_no_earlier_refusal_behind()
    {
        var request = ResponseDrafted(Outcome.Refused);
        request.Close(Outcome.Refused, new DateOnly(2026, 3, 23), "Manifestly excessive.", On(new DateOnly(2026, 3, 23)));
        request.ReopenForReview("The parent disputes that the request was excessive", On(new DateOnly(2026, 3, 25)));
        ListRecordsFor(request, Outcome.Complied, On(new DateOnly(2026, 3, 27)));
        request.DraftResponse(Outcome.Complied, "All records after review", On(new DateOnly(2026, 3, 27)));
        request.Close(Outcome.Complied, new DateOnly(2026, 3, 27), null, On(new DateOnly(2026, 3, 27)));

        Assert.Equal(Outcome.Complied, request.Outcome);
        Assert.Null(request.RefusalReasons);
        Assert.Equal(new DateOnly(2026, 3, 27), request.ResponseSentOn);
    }

    [Fact]
    public void Withdrawing_records_the_reason_and_ends_the_request()
    {
        var request = ClarificationRequested();
        request.Withdraw("  The parent emailed to withdraw: the school shared the reports  ", On(new DateOnly(2026, 3, 6)));

        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Equal("The parent emailed to withdraw: the school shared the reports", request.WithdrawalReason);
        Assert.Equal(new DateOnly(2026, 3, 6), request.ClosedOn);
        Assert.Equal("Withdrawn", request.Events[^1].Kind);
        Assert.Equal("The parent emailed to withdraw: the school shared the reports", request.Events[^1].Detail);
    }

    [Fact]
    public void Withdrawing_without_a_reason_is_refused()
    {
        var request = InProgress();
        var refused = Assert.Throws<DomainRuleException>(() => request.Withdraw(" ", On(new DateOnly(2026, 3, 6))));

        Assert.Equal("Record how and why the request was withdrawn.", refused.Message);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.WithdrawalReason);
    }

    [Fact]
    public void Reopening_for_review_returns_the_request_to_work_with_the_reason_on_the_timeline()
    {
        var request = Closed();
        request.ReopenForReview("The parent says the school's emails are missing", On(new DateOnly(2026, 3, 30)));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.ClosedOn);
        Assert.Contains(CaseAction.DraftResponse, request.AllowedActions());
        Assert.Equal("Reopened for internal review", request.Events[^1].Kind);
        Assert.Equal("The parent says the school's emails are missing", request.Events[^1].Detail);

        var blank = Closed();
        Assert.Throws<DomainRuleException>(() => blank.ReopenForReview("", On(new DateOnly(2026, 3, 30))));
        Assert.Equal(RequestStatus.Closed, blank.Status);
    }

    [Fact]
    public void Receiving_a_request_adds_one_Received_event_from_the_family_or_the_member_of_staff_who_logged_it()
    {
        var fromFamily = Received();
        var entry = Assert.Single(fromFamily.Events);
        Assert.Equal("Received", entry.Kind);
        Assert.Equal("family", entry.ActorId);
        Assert.Equal(ReceivedAt, entry.At);
        Assert.Equal("Received on Mon 2 Mar 2026 by letter.", entry.Detail);

        var logged = Received(recordedBy: "caseworker-7");
        Assert.Equal("caseworker-7", Assert.Single(logged.Events).ActorId);
    }

    [Fact]
    public void Every_transition_appends_exactly_one_event_with_the_actor_and_time_of_its_context_and_a_new_version()
    {
        var request = Received();
        var steps = new (string Kind, CaseContext Ctx, Action<RightsRequest, CaseContext> Apply)[]
        {
            ("Identity requested", On(Mar2, "cw-a"), (r, c) => r.RequestIdentity("Details do not match", c)),
            ("Identity received", On(new DateOnly(2026, 3, 5), "cw-b"), (r, c) => r.RecordIdentityReceived(new DateOnly(2026, 3, 5), c)),
            ("Clarification requested", On(new DateOnly(2026, 3, 10), "cw-c"), (r, c) => r.PauseForClarification(new DateOnly(2026, 3, 10), "Which years?", c)),
            ("Clarification received", On(new DateOnly(2026, 3, 13), "cw-d"), (r, c) => r.ClarificationAnswered(new DateOnly(2026, 3, 13), c)),
            ("Deadline extended", On(new DateOnly(2026, 3, 16), "dpo-e"), (r, c) => r.Extend("Records held by four services", c)),
            ("Record listed", On(new DateOnly(2026, 3, 20), "cw-e2"), (r, c) => r.RecordDisclosure("Psychology report", Disposition.Redacted, Exemption.ThirdParty, "Names another child", c)),
            ("Response drafted", On(new DateOnly(2026, 3, 23), "cw-f"), (r, c) => r.DraftResponse(Outcome.PartlyComplied, "Most records", c)),
            ("Response drafted", On(new DateOnly(2026, 3, 24), "cw-g"), (r, c) => r.DraftResponse(Outcome.PartlyComplied, "Most records, redacted", c)),
            ("Closed", On(new DateOnly(2026, 3, 25), "cw-h"), (r, c) => r.Close(Outcome.PartlyComplied, new DateOnly(2026, 3, 25), "Third-party data withheld.", c)),
            ("Reopened for internal review", On(new DateOnly(2026, 3, 30), "dpo-i"), (r, c) => r.ReopenForReview("Review asked for", c)),
            ("Withdrawn", On(new DateOnly(2026, 3, 31), "cw-j"), (r, c) => r.Withdraw("Resolved informally", c)),
        };

        foreach (var (kind, ctx, apply) in steps)
        {
            var (count, version) = (request.Events.Count, request.Version);
            apply(request, ctx);

            Assert.Equal(count + 1, request.Events.Count);
            var entry = request.Events[^1];
            Assert.Equal(kind, entry.Kind);
            Assert.Equal(ctx.ActorId, entry.ActorId);
            Assert.Equal(ctx.At, entry.At);
            Assert.NotEqual(version, request.Version);
        }

        Assert.Equal(steps.Length + 1, request.Events.Select(e => e.Id).Distinct().Count());
    }

    /// <summary>A message a family or caseworker can read: one or more sentences, capitalised and finished.</summary>
    private static void AssertSentence(string message)
    {
        Assert.Matches(@"^[A-Z][^\r\n]*[.]\)?$", message);
        Assert.DoesNotContain("  ", message, StringComparison.Ordinal);
    }
}
