using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Tests;

/// <summary>What remains of a destroyed case: the facts of the case and of its destruction, and no personal data.</summary>
public sealed class RetentionTombstoneTests
{
    private static readonly DateOnly Mar2 = new(2026, 3, 2);
    private static readonly DateOnly Mar20 = new(2026, 3, 20);
    private static readonly DateTimeOffset DestroyedAt = new(2032, 4, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly PortalRetentionRule CaseFileRule = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, []);

    private static CaseContext On(DateOnly today) => new("caseworker-7", DateTimeOffset.UnixEpoch, today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);

    private static RightsRequest ClosedRequest()
    {
        var request = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000123", Guid.NewGuid(), Right.Access, Channel.Email,
            new RequestParties(RequesterRole.ParentCarer, "Patricia Quinnell", "patricia.quinnell@example.org", "Samuel Quinnell", new DateOnly(2013, 7, 9), "Riverside Primary"),
            ["health"], "Everything about the speech therapy referral", Mar2, DateTimeOffset.UnixEpoch, Mar2, On(Mar2).Calculator, On(Mar2).Settings);
        request.ProceedWithoutIdentity("Email address matches the school's records for Patricia", On(Mar2));
        request.DraftResponse(Outcome.NothingHeld, "No speech therapy records are held for Samuel", On(Mar20));
        request.Close(Outcome.NothingHeld, Mar20, null, On(Mar20));
        return request;
    }

    [Fact]
    public void A_tombstone_keeps_the_reference_right_dates_outcome_rule_and_approval()
    {
        var request = ClosedRequest();
        var tombstone = Tombstone.Of(TombstoneFacts.Of(request), CaseFileRule, DestroyedAt, " dpo@council.example ");

        Assert.Equal((request.Id, request.OrganisationId, "STK-2026-000123", Right.Access, RequestStatus.Closed), (tombstone.RequestId, tombstone.OrganisationId, tombstone.Reference, tombstone.Right, tombstone.FinalStatus));
        Assert.Equal((Mar2, Mar20, (DateOnly?)Mar20, (Outcome?)Outcome.NothingHeld, (DecisionKind?)null), (tombstone.ReceivedOn, tombstone.ClosedOn, tombstone.ResponseSentOn, tombstone.Outcome, tombstone.Decision));
        Assert.Equal((DestroyedAt, "dpo@council.example"), (tombstone.DestroyedAt, tombstone.ApprovedBy));
        Assert.Equal(CaseFileRule.Describe(), tombstone.RuleApplied);
    }

    [Fact]
    public void A_tombstone_has_none_of_the_personal_fields_of_a_request()
    {
        string[] personal =
        [
            nameof(RightsRequest.RequesterName), nameof(RightsRequest.RequesterEmail), nameof(RightsRequest.SubjectName),
            nameof(RightsRequest.SubjectDateOfBirth), nameof(RightsRequest.SubjectSetting), nameof(RightsRequest.Details),
            nameof(RightsRequest.Messages), nameof(RightsRequest.Answers), nameof(RightsRequest.Events), nameof(RightsRequest.ResponseSummary),
            nameof(RightsRequest.RefusalReasons), nameof(RightsRequest.WithdrawalReason), nameof(RightsRequest.IdentityDecisionReason),
            nameof(RightsRequest.DecisionReasons), nameof(RightsRequest.RecipientsTold), nameof(RightsRequest.AdjustmentNotes),
            nameof(RightsRequest.ExtensionReason), nameof(RightsRequest.Disclosures), nameof(RightsRequest.DataCategories),
        ];
        var fields = typeof(Tombstone).GetProperties().Select(p => p.Name).Concat(typeof(TombstoneFacts).GetProperties().Select(p => p.Name)).ToList();

        Assert.Empty(fields.Intersect(personal));
    }

    [Fact]
    public void No_value_the_family_or_staff_wrote_reaches_the_tombstone()
    {
        var tombstone = Tombstone.Of(TombstoneFacts.Of(ClosedRequest()), CaseFileRule, DestroyedAt, Tombstone.AutomaticSweep);
        var values = typeof(Tombstone).GetProperties().Select(p => p.GetValue(tombstone)).ToList();
        var text = string.Join("|", values.OfType<string>());

        foreach (var written in new[] { "Patricia", "Quinnell", "Samuel", "example.org", "Riverside", "speech", "caseworker-7" })
        {
            Assert.DoesNotContain(written, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(new DateOnly(2013, 7, 9), values.OfType<DateOnly>());
    }

    [Fact]
    public void An_open_case_has_no_tombstone()
    {
        var open = TombstoneFacts.Of(ClosedRequest()) with { FinalStatus = RequestStatus.InProgress, ClosedOn = null };
        var refused = Assert.Throws<DomainRuleException>(() => Tombstone.Of(open, CaseFileRule, DestroyedAt, "dpo"));
        Assert.Equal("An open case is not destroyed: its records are needed to answer it.", refused.Message);
    }

    [Fact]
    public void A_tombstone_names_who_approved_the_destruction()
    {
        Assert.Throws<DomainRuleException>(() => Tombstone.Of(TombstoneFacts.Of(ClosedRequest()), CaseFileRule, DestroyedAt, "  "));
    }
}
