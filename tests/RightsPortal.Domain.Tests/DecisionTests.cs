using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Tests;

/// <summary>
/// What is decided on a request: the records found for an access request (disclosed, redacted or withheld under an
/// exemption), the decision on the other rights (checked against the retention schedule for erasure), lifting a
/// restriction, and the response's outcome agreeing with all of it. Requests are received Mon 2 Mar 2026.
/// </summary>
public sealed class DecisionTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);

    // A school calendar so a parent's educational-record request can count its 15 school days.
    private static readonly ClockSettings Settings = ClockSettings.Default with
    {
        SchoolCalendar = new SchoolCalendar([(new DateOnly(2026, 1, 5), new DateOnly(2026, 7, 21))], []),
    };

    private static readonly DateOnly Mar2 = new(2026, 3, 2);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly CaseContext Ctx = On(Mar2);

    private static readonly RetentionRule SenFile = new()
    {
        RecordType = "SEN file, EHC plan and reviews",
        Trigger = RetentionTrigger.DateOfBirth,
        Years = 31,
        Action = RetentionAction.Review,
        CategoryCodes = ["ehc", "health"],
    };

    private static readonly RetentionRule ChildProtection = new()
    {
        RecordType = "Child-protection case records",
        Trigger = RetentionTrigger.Closure,
        Years = 35,
        Action = RetentionAction.Review,
        CategoryCodes = ["social-care"],
    };

    /// <summary>A caseworker acting at noon on the given day (UK winter time, so UTC).</summary>
    private static CaseContext On(DateOnly today) =>
        new("caseworker-1", new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, Settings);

    private static RightsRequest Received(Right right, RequesterRole role = RequesterRole.ParentCarer, DateOnly? born = null, string[]? categories = null) =>
        RightsRequest.Receive(
            Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Letter,
            new RequestParties(role, "Pat", "pat@example.org", "Sam", born ?? new DateOnly(2015, 3, 1), null),
            categories ?? ["ehc"], null, Mar2, ReceivedAt, Mar2, Calculator, Settings);

    private static RightsRequest InProgress(Right right = Right.Access, RequesterRole role = RequesterRole.ParentCarer, DateOnly? born = null, string[]? categories = null)
    {
        var request = Received(right, role, born, categories);
        request.ProceedWithoutIdentity("Details match our records", Ctx);
        return request;
    }

    /// <summary>A well-formed decision of this kind on a request of its own right (erasure: with no rule keeping the records unless refused).</summary>
    private static RightsRequest Decided(DecisionKind kind)
    {
        var right = Enum.GetValues<Right>().Single(r => DecisionRules.KindsFor(r).Contains(kind));
        var request = InProgress(right);
        IReadOnlyCollection<RetentionRule> retention = kind == DecisionKind.ErasureRefused ? [SenFile] : [];
        request.Decide(kind, "Reasons the family will read", "Nobody: not shared", retention,
            kind == DecisionKind.RestrictionPlaced ? RestrictionGround.AccuracyContested : null, Ctx);
        return request;
    }

    private static RightsRequest RestrictionPlaced()
    {
        var request = InProgress(Right.Restriction);
        request.Decide(DecisionKind.RestrictionPlaced, "Accuracy of the EP report is disputed", null, [], RestrictionGround.AccuracyContested, Ctx);
        return request;
    }

    // ---- Access: the list of records ----

    [Fact]
    public void A_record_disclosed_in_full_is_listed_without_an_exemption_and_on_the_timeline()
    {
        var request = InProgress();

        var item = request.RecordDisclosure("  EHC plan, final, March 2025 ", Disposition.Disclosed, null, null, Ctx);

        Assert.Equal(("EHC plan, final, March 2025", Disposition.Disclosed, null, null, Mar2), (item.Description, item.Disposition, item.Exemption, item.Reason, item.RecordedOn));
        Assert.Same(item, Assert.Single(request.Disclosures));
        Assert.Equal("Record listed", request.Events[^1].Kind);
        Assert.Equal("EHC plan, final, March 2025: disclosed.", request.Events[^1].Detail);
    }

    [Fact]
    public void A_record_disclosed_in_full_cannot_carry_an_exemption()
    {
        var request = InProgress();
        var events = request.Events.Count;

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.RecordDisclosure("EHC plan", Disposition.Disclosed, Exemption.ThirdParty, "Names another child", Ctx));

        Assert.Contains("has no exemption", refused.Message, StringComparison.Ordinal);
        Assert.Empty(request.Disclosures);
        Assert.Equal(events, request.Events.Count);
    }

    [Theory]
    [InlineData(Disposition.Redacted)]
    [InlineData(Disposition.Withheld)]
    public void A_redacted_or_withheld_record_needs_an_exemption_and_reasons(Disposition disposition)
    {
        var request = InProgress();

        var noExemption = Assert.Throws<DomainRuleException>(() => request.RecordDisclosure("EP report", disposition, null, "Names another child", Ctx));
        Assert.Contains("Choose the exemption", noExemption.Message, StringComparison.Ordinal);
        var noReasons = Assert.Throws<DomainRuleException>(() => request.RecordDisclosure("EP report", disposition, Exemption.ThirdParty, "  ", Ctx));
        Assert.Contains("Give the reasons", noReasons.Message, StringComparison.Ordinal);
        Assert.Empty(request.Disclosures);

        var item = request.RecordDisclosure("EP report", disposition, Exemption.ThirdParty, " Names another child ", Ctx);

        Assert.Equal((Exemption.ThirdParty, "Names another child"), (item.Exemption, item.Reason));
        Assert.Equal("Record listed", request.Events[^1].Kind);
        Assert.Equal($"EP report: {disposition.ToString().ToLowerInvariant()} (Information about other people). Names another child", request.Events[^1].Detail);
    }

    [Theory]
    [InlineData(RequesterRole.YoungPerson)]
    [InlineData(RequesterRole.Child)]
    [InlineData(RequesterRole.Representative)]
    public void The_child_abuse_data_exemption_is_refused_when_no_parent_is_asking(RequesterRole role)
    {
        var request = InProgress(role: role);

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.RecordDisclosure("Strategy meeting notes", Disposition.Withheld, Exemption.ChildAbuseData, "Not in the child's best interests", Ctx));

        Assert.Contains("parental responsibility", refused.Message, StringComparison.Ordinal);
        Assert.Empty(request.Disclosures);
    }

    [Fact]
    public void The_child_abuse_data_exemption_applies_when_a_parent_asks()
    {
        var request = InProgress(role: RequesterRole.ParentCarer);

        var item = request.RecordDisclosure("Strategy meeting notes", Disposition.Withheld, Exemption.ChildAbuseData, "Not in the child's best interests", Ctx);

        Assert.Equal(Exemption.ChildAbuseData, item.Exemption);
    }

    [Theory]
    [InlineData(Right.Rectification)]
    [InlineData(Right.Erasure)]
    [InlineData(Right.Restriction)]
    [InlineData(Right.Objection)]
    [InlineData(Right.Portability)]
    public void Only_requests_to_see_records_have_a_list_of_records(Right right)
    {
        var request = InProgress(right);

        var refused = Assert.Throws<DomainRuleException>(() => request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx));

        Assert.Contains("Only requests to see records", refused.Message, StringComparison.Ordinal);
        Assert.Empty(request.Disclosures);
    }

    [Fact]
    public void A_parents_educational_record_request_lists_its_records_too()
    {
        var request = InProgress(Right.EducationalRecord);

        request.RecordDisclosure("Annual school report 2025", Disposition.Disclosed, null, null, Ctx);

        Assert.Single(request.Disclosures);
    }

    [Fact]
    public void Records_are_listed_only_while_the_request_is_worked_on()
    {
        var received = Received(Right.Access);

        var refused = Assert.Throws<DomainRuleException>(() => received.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx));

        Assert.Contains("while the request is being worked on", refused.Message, StringComparison.Ordinal);
        Assert.Empty(received.Disclosures);
    }

    [Fact]
    public void Records_are_numbered_in_the_order_listed_and_one_taken_off_stays_on_the_timeline()
    {
        var request = InProgress();
        var first = request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx);
        var second = request.RecordDisclosure("Annual review minutes", Disposition.Disclosed, null, null, Ctx);
        Assert.Equal((1, 2), (first.Sequence, second.Sequence));

        request.RemoveDisclosure(first.Id, Ctx);

        Assert.Equal([second.Id], request.Disclosures.Select(d => d.Id));
        Assert.Equal(("Record removed from list", "EHC plan"), (request.Events[^1].Kind, request.Events[^1].Detail));
        Assert.Contains(request.Events, e => e.Kind == "Record listed" && e.Detail.StartsWith("EHC plan", StringComparison.Ordinal));
        var third = request.RecordDisclosure("Health advice", Disposition.Disclosed, null, null, Ctx);
        Assert.Equal(3, third.Sequence);
        Assert.Throws<DomainRuleException>(() => request.RemoveDisclosure(first.Id, Ctx));
    }

    // ---- Access: the outcome agrees with the list ----

    [Fact]
    public void Complied_in_full_is_refused_while_a_record_is_withheld()
    {
        var request = InProgress();
        request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx);
        request.RecordDisclosure("Legal advice", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice on the appeal", Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Complied, "All records", Ctx));

        Assert.Contains("complies in part", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Outcome);
        request.DraftResponse(Outcome.PartlyComplied, "All but the legal advice", Ctx);
        Assert.Equal(Outcome.PartlyComplied, request.Outcome);
    }

    [Fact]
    public void Complied_in_part_is_refused_when_nothing_is_redacted_or_withheld()
    {
        var request = InProgress();
        request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.PartlyComplied, "Most records", Ctx));

        Assert.Contains("complies in full", refused.Message, StringComparison.Ordinal);
        request.DraftResponse(Outcome.Complied, "All records", Ctx);
        Assert.Equal(Outcome.Complied, request.Outcome);
    }

    [Fact]
    public void Complied_in_part_is_refused_when_every_record_is_withheld()
    {
        var request = InProgress();
        request.RecordDisclosure("Legal advice", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice", Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.PartlyComplied, "Some records", Ctx));

        Assert.Contains("is a refusal", refused.Message, StringComparison.Ordinal);
        request.DraftResponse(Outcome.Refused, "Everything withheld", Ctx);
        Assert.Equal(Outcome.Refused, request.Outcome);
    }

    [Fact]
    public void No_records_held_is_refused_when_records_are_listed()
    {
        var request = InProgress();
        request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.NothingHeld, "Nothing found", Ctx));

        Assert.Contains("cannot say nothing is held", refused.Message, StringComparison.Ordinal);
        var empty = InProgress();
        empty.DraftResponse(Outcome.NothingHeld, "Nothing found", Ctx);
        Assert.Equal(Outcome.NothingHeld, empty.Outcome);
    }

    [Theory]
    [InlineData(Disposition.Disclosed)]
    [InlineData(Disposition.Redacted)]
    public void A_refusal_is_refused_when_any_record_is_given(Disposition given)
    {
        var request = InProgress();
        request.RecordDisclosure("Legal advice", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice", Ctx);
        request.RecordDisclosure("EP report", given, given == Disposition.Disclosed ? null : Exemption.ThirdParty, given == Disposition.Disclosed ? null : "Names another child", Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Refused, "Refused", Ctx));

        Assert.Contains("Some records are disclosed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complied_in_full_is_refused_before_any_record_is_listed()
    {
        var request = InProgress();

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Complied, "All records", Ctx));

        Assert.Contains("List the records found", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_checks_the_outcome_again_against_a_list_changed_after_drafting()
    {
        var request = InProgress();
        request.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, Ctx);
        request.DraftResponse(Outcome.Complied, "All records", Ctx);
        request.RecordDisclosure("Legal advice", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice", Ctx);

        var refused = Assert.Throws<DomainRuleException>(() => request.Close(Outcome.Complied, Mar2, null, Ctx));

        Assert.Contains("complies in part", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.ResponseDrafted, request.Status);
    }

    // ---- The other rights: a decision before the response ----

    [Theory]
    [InlineData(Right.Rectification)]
    [InlineData(Right.Erasure)]
    [InlineData(Right.Restriction)]
    [InlineData(Right.Objection)]
    [InlineData(Right.Portability)]
    public void The_other_rights_need_a_decision_before_the_response_is_drafted(Right right)
    {
        var request = InProgress(right);

        var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Complied, "Done", Ctx));

        Assert.Contains("Record the decision", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Theory]
    [InlineData(DecisionKind.Corrected, Outcome.Complied, true)]
    [InlineData(DecisionKind.Corrected, Outcome.PartlyComplied, true)]
    [InlineData(DecisionKind.Corrected, Outcome.Refused, false)]
    [InlineData(DecisionKind.SupplementaryStatementAdded, Outcome.Refused, false)]
    [InlineData(DecisionKind.RectificationRefused, Outcome.Refused, true)]
    [InlineData(DecisionKind.RectificationRefused, Outcome.Complied, false)]
    [InlineData(DecisionKind.Erased, Outcome.Complied, true)]
    [InlineData(DecisionKind.Erased, Outcome.Refused, false)]
    [InlineData(DecisionKind.ErasureRefused, Outcome.Refused, true)]
    [InlineData(DecisionKind.ErasureRefused, Outcome.Complied, false)]
    [InlineData(DecisionKind.ErasureRefused, Outcome.PartlyComplied, false)]
    [InlineData(DecisionKind.RestrictionPlaced, Outcome.Complied, true)]
    [InlineData(DecisionKind.RestrictionPlaced, Outcome.PartlyComplied, false)]
    [InlineData(DecisionKind.ObjectionUpheld, Outcome.Complied, true)]
    [InlineData(DecisionKind.ObjectionUpheld, Outcome.Refused, false)]
    [InlineData(DecisionKind.ObjectionRefusedCompellingGrounds, Outcome.Complied, false)]
    [InlineData(DecisionKind.ObjectionNotApplicableLegalObligation, Outcome.Refused, true)]
    [InlineData(DecisionKind.ObjectionNotApplicableLegalObligation, Outcome.Complied, false)]
    [InlineData(DecisionKind.PortabilityNotApplicable, Outcome.Refused, true)]
    [InlineData(DecisionKind.PortabilityNotApplicable, Outcome.Complied, false)]
    [InlineData(DecisionKind.PortabilityProvided, Outcome.Complied, true)]
    [InlineData(DecisionKind.PortabilityProvided, Outcome.Refused, false)]
    public void The_response_says_what_was_decided(DecisionKind kind, Outcome outcome, bool allowed)
    {
        var request = Decided(kind);

        if (allowed)
        {
            request.DraftResponse(outcome, "The response", Ctx);
            Assert.Equal(outcome, request.Outcome);
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => request.DraftResponse(outcome, "The response", Ctx));
            Assert.Contains($"The decision was \"{DecisionRules.Describe(kind)}\"", refused.Message, StringComparison.Ordinal);
            Assert.Null(request.Outcome);
        }
    }

    [Fact]
    public void Every_decision_allows_exactly_the_outcomes_its_rules_list()
    {
        foreach (var kind in Enum.GetValues<DecisionKind>())
        {
            foreach (var outcome in Enum.GetValues<Outcome>().Where(o => o != Outcome.NothingHeld))
            {
                var request = Decided(kind);
                var allowed = DecisionRules.OutcomesFor(kind).Contains(outcome);
                var error = Record.Exception(() => request.DraftResponse(outcome, "The response", Ctx));
                Assert.True(allowed == error is null, $"{kind} drafted as {outcome}: expected {(allowed ? "allowed" : "refused")}, got {error?.Message ?? "allowed"}");
            }
        }
    }

    [Theory]
    [InlineData(Right.Erasure, DecisionKind.Corrected)]
    [InlineData(Right.Rectification, DecisionKind.Erased)]
    [InlineData(Right.Objection, DecisionKind.RestrictionPlaced)]
    [InlineData(Right.Portability, DecisionKind.ObjectionUpheld)]
    [InlineData(Right.Access, DecisionKind.PortabilityProvided)]
    public void A_decision_that_belongs_to_another_right_is_refused(Right right, DecisionKind kind)
    {
        var request = InProgress(right);

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.Decide(kind, "Reasons", "Nobody", [], kind == DecisionKind.RestrictionPlaced ? RestrictionGround.AccuracyContested : null, Ctx));

        Assert.Contains("is not a decision on a request to", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
    }

    [Fact]
    public void A_decision_waits_for_work_to_start()
    {
        var request = Received(Right.Rectification);

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.Corrected, "Fixed", "Nobody", [], null, Ctx));

        Assert.Contains("while the request is being worked on", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
    }

    // ---- Rectification ----

    [Fact]
    public void A_refused_correction_needs_reasons()
    {
        var request = InProgress(Right.Rectification);
        var events = request.Events.Count;

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.RectificationRefused, " ", null, [], null, Ctx));

        Assert.Contains("Say why the records are accurate", refused.Message, StringComparison.Ordinal);
        Assert.Equal(events, request.Events.Count);
        request.Decide(DecisionKind.RectificationRefused, "The report records the EP's opinion, marked as such", null, [], null, Ctx);
        Assert.Equal((DecisionKind.RectificationRefused, "The report records the EP's opinion, marked as such"), (request.Decision, request.DecisionReasons));
        Assert.Equal("Decision recorded", request.Events[^1].Kind);
        Assert.StartsWith("Correction refused. The report records", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Right.Rectification, DecisionKind.Corrected)]
    [InlineData(Right.Rectification, DecisionKind.SupplementaryStatementAdded)]
    [InlineData(Right.Erasure, DecisionKind.Erased)]
    public void A_correction_or_erasure_names_the_recipients_told(Right right, DecisionKind kind)
    {
        var request = InProgress(right);

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(kind, "Done as asked", " ", [], null, Ctx));

        Assert.Contains("List who the records were shared with", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
        request.Decide(kind, "Done as asked", " The school and the EP service ", [], null, Ctx);
        Assert.Equal("The school and the EP service", request.RecipientsTold);
        Assert.Contains("Recipients told: The school and the EP service", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_keeps_no_recipients_told()
    {
        var request = InProgress(Right.Rectification);

        request.Decide(DecisionKind.RectificationRefused, "Accurate as recorded", "The school", [], null, Ctx);

        Assert.Null(request.RecipientsTold);
    }

    // ---- Erasure against the retention schedule ----

    [Fact]
    public void Erasure_is_refused_while_a_date_of_birth_rule_keeps_a_young_childs_records()
    {
        var request = InProgress(Right.Erasure, born: new DateOnly(2015, 3, 1), categories: ["ehc"]);
        var events = request.Events.Count;

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.Erased, "As asked", "Nobody", [SenFile], null, Ctx));

        Assert.Contains("cannot be erased", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SEN file, EHC plan and reviews: kept until Thursday 1 March 2046", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void A_refused_erasure_names_the_rule_and_the_date_it_ends()
    {
        // Born 1 Mar 2015: date of birth plus 31 years is Thu 1 Mar 2046.
        var request = InProgress(Right.Erasure, born: new DateOnly(2015, 3, 1), categories: ["ehc", "contact-details"]);

        var blocks = ErasureCheck.Blocks([SenFile], request.DataCategories.ToList(), request.SubjectDateOfBirth, Mar2);
        request.Decide(DecisionKind.ErasureRefused, "We must keep the EHC plan", null, [SenFile], null, Ctx);

        var block = Assert.Single(blocks);
        Assert.Equal(new DateOnly(2046, 3, 1), block.Until);
        Assert.Equal(["ehc"], block.CategoryCodes);
        Assert.Equal(
            "SEN file, EHC plan and reviews: kept until Thursday 1 March 2046 (date of birth plus 31 years), because we must keep them by law or for our public task.",
            request.ErasureBlockedBy);
        Assert.Equal(DecisionKind.ErasureRefused, request.Decision);
        Assert.Equal("Decision recorded", request.Events[^1].Kind);
        Assert.Contains("kept until Thursday 1 March 2046", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_erasure_is_refused_when_no_rule_keeps_the_records_asked_about()
    {
        var request = InProgress(Right.Erasure, categories: ["photographs"]);

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.ErasureRefused, "We keep everything", null, [SenFile, ChildProtection], null, Ctx));

        Assert.Contains("No retention rule keeps the records", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
        request.Decide(DecisionKind.Erased, "Photographs deleted", "Nobody: not shared", [SenFile, ChildProtection], null, Ctx);
        Assert.Equal(DecisionKind.Erased, request.Decision);
        Assert.Null(request.ErasureBlockedBy);
    }

    [Fact]
    public void A_date_of_birth_rule_that_has_run_its_course_no_longer_keeps_the_records()
    {
        // Born 1 Jan 1990: kept until 1 Jan 2021, long past on 2 Mar 2026.
        var request = InProgress(Right.Erasure, born: new DateOnly(1990, 1, 1), categories: ["ehc"]);

        Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.ErasureRefused, "Kept", null, [SenFile], null, Ctx));
        request.Decide(DecisionKind.Erased, "Deleted", "Nobody", [SenFile], null, Ctx);

        Assert.Equal(DecisionKind.Erased, request.Decision);
    }

    [Fact]
    public void A_rule_counted_from_the_files_closure_keeps_the_records_with_no_date()
    {
        var request = InProgress(Right.Erasure, categories: ["social-care"]);

        var block = Assert.Single(ErasureCheck.Blocks([ChildProtection, SenFile], request.DataCategories.ToList(), request.SubjectDateOfBirth, Mar2));
        Assert.Null(block.Until);
        Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.Erased, "As asked", "Nobody", [ChildProtection], null, Ctx));
        request.Decide(DecisionKind.ErasureRefused, "Safeguarding records", null, [ChildProtection], null, Ctx);

        Assert.Equal(
            "Child-protection case records: kept for 35 years after the file closes, because we must keep them by law or for our public task.",
            request.ErasureBlockedBy);
    }

    // ---- Restriction ----

    [Fact]
    public void A_restriction_needs_its_ground()
    {
        var request = InProgress(Right.Restriction);

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.RestrictionPlaced, "Accuracy disputed", null, [], null, Ctx));

        Assert.Contains("Choose why processing is restricted", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.RestrictionPlacedOn);
        request.Decide(DecisionKind.RestrictionPlaced, "Accuracy disputed", null, [], RestrictionGround.AccuracyContested, Ctx);
        Assert.Equal((RestrictionGround.AccuracyContested, Mar2), (request.RestrictionGround, request.RestrictionPlacedOn));
        Assert.EndsWith("Ground: the accuracy of the records is contested, while it is checked.", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restriction_ground_goes_with_a_restriction_only()
    {
        var request = InProgress(Right.Objection);

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.Decide(DecisionKind.ObjectionUpheld, "Processing stops", null, [], RestrictionGround.ObjectionPending, Ctx));

        Assert.Contains("goes with a restriction only", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.Decision);
    }

    [Fact]
    public void Lifting_a_restriction_without_telling_the_person_first_is_refused()
    {
        var request = RestrictionPlaced();
        var later = On(new DateOnly(2026, 3, 20));

        var refused = Assert.Throws<DomainRuleException>(() => request.LiftRestriction(new DateOnly(2026, 3, 20), "Accuracy checked", later));

        Assert.Contains("Tell the person before lifting", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.RestrictionLiftedOn);
    }

    [Fact]
    public void A_restriction_cannot_be_lifted_before_the_day_the_person_was_told()
    {
        var request = RestrictionPlaced();
        request.GiveNoticeOfLiftingRestriction(new DateOnly(2026, 3, 10), "Letter explaining the report was checked", On(new DateOnly(2026, 3, 10)));

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.LiftRestriction(new DateOnly(2026, 3, 9), "Accuracy checked", On(new DateOnly(2026, 3, 12))));

        Assert.Contains("cannot be lifted before the person was told, on Tue 10 Mar 2026", refused.Message, StringComparison.Ordinal);
        Assert.Null(request.RestrictionLiftedOn);
    }

    [Fact]
    public void Telling_the_person_then_lifting_the_restriction_is_recorded_on_the_timeline()
    {
        var request = RestrictionPlaced();

        request.GiveNoticeOfLiftingRestriction(new DateOnly(2026, 3, 10), " Letter explaining the report was checked ", On(new DateOnly(2026, 3, 11)));
        Assert.Equal(new DateOnly(2026, 3, 10), request.RestrictionLiftNoticeOn);
        Assert.Equal(("Told of lifting restriction", "Told on Tue 10 Mar 2026: Letter explaining the report was checked"), (request.Events[^1].Kind, request.Events[^1].Detail));

        request.LiftRestriction(new DateOnly(2026, 3, 17), "Accuracy checked with the EP", On(new DateOnly(2026, 3, 17)));

        Assert.Equal(new DateOnly(2026, 3, 17), request.RestrictionLiftedOn);
        Assert.Equal(("Restriction lifted", "Lifted on Tue 17 Mar 2026: Accuracy checked with the EP"), (request.Events[^1].Kind, request.Events[^1].Detail));
        var again = Assert.Throws<DomainRuleException>(() => request.LiftRestriction(new DateOnly(2026, 3, 17), "Again", On(new DateOnly(2026, 3, 17))));
        Assert.Contains("no restriction in place", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_of_lifting_needs_a_restriction_a_real_date_and_how_the_person_was_told()
    {
        var notRestricted = InProgress(Right.Restriction);
        Assert.Throws<DomainRuleException>(() => notRestricted.GiveNoticeOfLiftingRestriction(Mar2, "Letter", Ctx));

        var request = RestrictionPlaced();
        var future = Assert.Throws<DomainRuleException>(() => request.GiveNoticeOfLiftingRestriction(new DateOnly(2026, 3, 3), "Letter", Ctx));
        Assert.Contains("cannot be in the future", future.Message, StringComparison.Ordinal);
        var beforePlaced = Assert.Throws<DomainRuleException>(() => request.GiveNoticeOfLiftingRestriction(new DateOnly(2026, 3, 1), "Letter", Ctx));
        Assert.Contains("before the restriction was placed", beforePlaced.Message, StringComparison.Ordinal);
        var how = Assert.Throws<DomainRuleException>(() => request.GiveNoticeOfLiftingRestriction(Mar2, " ", Ctx));
        Assert.Contains("Say how the person was told", how.Message, StringComparison.Ordinal);
        Assert.Null(request.RestrictionLiftNoticeOn);
    }

    // ---- Objection and portability ----

    [Fact]
    public void Refusing_an_objection_on_compelling_grounds_needs_the_grounds_stated()
    {
        var request = InProgress(Right.Objection);

        var refused = Assert.Throws<DomainRuleException>(() => request.Decide(DecisionKind.ObjectionRefusedCompellingGrounds, " ", null, [], null, Ctx));

        Assert.Contains("State the compelling legitimate grounds", refused.Message, StringComparison.Ordinal);
        request.Decide(DecisionKind.ObjectionRefusedCompellingGrounds, "Safeguarding a younger sibling", null, [], null, Ctx);
        Assert.Equal("Safeguarding a younger sibling", request.DecisionReasons);
    }

    [Theory]
    [InlineData(null, DecisionRules.LegalObligationObjectionText)]
    [InlineData(" We hold the EHC plan by law. ", "We hold the EHC plan by law. " + DecisionRules.LegalObligationObjectionText)]
    public void An_objection_to_processing_under_legal_obligation_carries_the_standard_explanation(string? reasons, string expected)
    {
        var request = InProgress(Right.Objection);

        request.Decide(DecisionKind.ObjectionNotApplicableLegalObligation, reasons!, null, [], null, Ctx);

        Assert.Equal(expected, request.DecisionReasons);
        Assert.Equal("Decision recorded", request.Events[^1].Kind);
    }

    [Fact]
    public void Portability_that_does_not_apply_offers_an_access_request_and_says_why()
    {
        var request = InProgress(Right.Portability);

        request.Decide(DecisionKind.PortabilityNotApplicable, "", null, [], null, Ctx);

        Assert.True(request.AccessOffered);
        Assert.Equal(DecisionRules.PortabilityText, request.DecisionReasons);
        Assert.Equal("Decision recorded", request.Events[^1].Kind);

        request.Decide(DecisionKind.PortabilityProvided, "Sent as CSV", null, [], null, Ctx);
        Assert.False(request.AccessOffered);
    }
}
