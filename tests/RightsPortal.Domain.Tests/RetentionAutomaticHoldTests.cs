using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Tests;

/// <summary>Holds that follow from the child's other cases: an open request or complaint, or a hearing not yet past.</summary>
public sealed class RetentionAutomaticHoldTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    [Fact]
    public void An_open_rights_request_about_the_child_holds_their_records_until_it_closes()
    {
        var open = new RelatedCase("STK-2026-000002", Right.Erasure, RequestStatus.AwaitingIdentity, null, null);
        var hold = Assert.Single(AutomaticHolds.For([open], Today));

        Assert.Equal((AutomaticHoldReason.OpenRequest, "STK-2026-000002", (DateOnly?)null), (hold.Reason, hold.Reference, hold.Until));
        Assert.Empty(AutomaticHolds.For([open with { Status = RequestStatus.Closed }], Today));
    }

    [Fact]
    public void An_open_complaint_about_the_child_holds_their_records()
    {
        var complaint = new RelatedCase("STK-2026-000003", Right.Complaint, RequestStatus.InProgress, null, null);
        var hold = Assert.Single(AutomaticHolds.For([complaint], Today));
        Assert.Equal(AutomaticHoldReason.OpenComplaint, hold.Reason);
        Assert.Equal("Held while complaint STK-2026-000003 about this child is open.", hold.Explanation);
    }

    [Theory]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Withdrawn)]
    [InlineData(RequestStatus.Transferred)]
    public void A_finished_case_without_a_hearing_holds_nothing(RequestStatus status)
    {
        Assert.Empty(AutomaticHolds.For([new RelatedCase("STK-2026-000004", Right.Access, status, null, null)], Today));
    }

    [Fact]
    public void A_hearing_holds_the_records_through_the_hearing_day_and_not_after()
    {
        var withHearing = new RelatedCase("STK-2026-000005", Right.Access, RequestStatus.Closed, HearingKind.SendTribunal, new DateOnly(2026, 3, 20));

        var hold = Assert.Single(AutomaticHolds.For([withHearing], Today));
        Assert.Equal((AutomaticHoldReason.HearingNotYetPast, (DateOnly?)new DateOnly(2026, 3, 20)), (hold.Reason, hold.Until));
        Assert.Equal("Held until Fri 20 Mar 2026 is past: SEND Tribunal hearing on case STK-2026-000005.", hold.Explanation);
        Assert.Empty(AutomaticHolds.For([withHearing], Today.AddDays(1)));
    }

    [Fact]
    public void An_open_case_with_a_hearing_gives_both_reasons()
    {
        var both = new RelatedCase("STK-2026-000006", Right.Access, RequestStatus.InProgress, HearingKind.Mediation, new DateOnly(2026, 4, 2));
        Assert.Equal([AutomaticHoldReason.OpenRequest, AutomaticHoldReason.HearingNotYetPast], AutomaticHolds.For([both], Today).Select(h => h.Reason));
    }

    [Fact]
    public void No_other_cases_means_no_automatic_hold()
    {
        Assert.Empty(AutomaticHolds.For([], Today));
    }
}
