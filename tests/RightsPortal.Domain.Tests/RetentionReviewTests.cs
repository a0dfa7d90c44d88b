using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;
using static RightsPortal.Domain.Tests.RetentionCases;

namespace RightsPortal.Domain.Tests;

/// <summary>The DPO's review of a due item: keep it for a reason until a later date, or approve destruction when nothing holds it.</summary>
public sealed class RetentionReviewTests
{
    private static readonly DateOnly Today = new(2026, 4, 1);
    private static readonly DateTimeOffset At = new(2026, 4, 1, 14, 5, 0, TimeSpan.Zero);
    private static readonly CaseRetentionFacts Facts = Closed(new DateOnly(2020, 3, 31));

    private static DueItem DueFile(IEnumerable<LegalHold>? holds = null, IEnumerable<RelatedCase>? others = null) =>
        Assert.Single(Due(Facts, Today, holds: holds, others: others));

    [Fact]
    public void Keeping_an_item_records_the_reason_the_date_who_and_when()
    {
        var review = RetentionReview.Keep(Organisation, DueFile(), "  Family's solicitor has asked us to keep it  ", new DateOnly(2027, 1, 1), " dpo ", At, Today);

        Assert.Equal((RetentionReviewDecision.Keep, "Family's solicitor has asked us to keep it", (DateOnly?)new DateOnly(2027, 1, 1)), (review.Decision, review.Reason, review.KeepUntil));
        Assert.Equal(("dpo", At, Facts.RequestId, PortalRecordKind.CaseFile, new DateOnly(2026, 3, 31)), (review.DecidedBy, review.DecidedAt, review.RequestId, review.Kind, review.DueSince));
        Assert.StartsWith("Rights-request case file: 6 years after the file closes", review.RuleApplied, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026-03-31")]
    public void The_keep_date_must_be_after_today(string keepUntil)
    {
        var refused = Assert.Throws<DomainRuleException>(() => RetentionReview.Keep(Organisation, DueFile(), "Solicitor asked", Dates.D(keepUntil), "dpo", At, Today));
        Assert.Equal("Choose a date after today (Wed 1 Apr 2026) to keep the record until.", refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Keeping_needs_a_reason(string reason)
    {
        Assert.Throws<DomainRuleException>(() => RetentionReview.Keep(Organisation, DueFile(), reason, new DateOnly(2027, 1, 1), "dpo", At, Today));
    }

    [Fact]
    public void Keeping_needs_a_reason_of_at_most_2000_characters_and_a_person()
    {
        Assert.Throws<DomainRuleException>(() => RetentionReview.Keep(Organisation, DueFile(), new string('x', 2001), new DateOnly(2027, 1, 1), "dpo", At, Today));
        Assert.Throws<DomainRuleException>(() => RetentionReview.Keep(Organisation, DueFile(), "Solicitor asked", new DateOnly(2027, 1, 1), " ", At, Today));
    }

    [Fact]
    public void A_kept_item_is_not_due_until_its_keep_date_and_then_goes_back_to_the_DPO()
    {
        var kept = RetentionReview.Keep(Organisation, DueFile(), "Solicitor asked", new DateOnly(2027, 1, 1), "dpo", At, Today);

        Assert.Empty(Due(Facts, new DateOnly(2026, 12, 31), reviews: [kept]));
        var again = Assert.Single(Due(Facts, new DateOnly(2027, 1, 1), reviews: [kept]));
        Assert.Equal((new DateOnly(2027, 1, 1), DueDisposition.ReviewByDpo), (again.DueSince, again.Disposition));
        Assert.Contains("kept by dpo until Fri 1 Jan 2027: Solicitor asked", again.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_identity_documents_come_back_for_review_rather_than_automatic_destruction()
    {
        var facts = Closed(null) with { IdentityDecidedOn = new DateOnly(2026, 1, 31), HasIdentityDocuments = true };
        var item = Assert.Single(Due(facts, new DateOnly(2026, 3, 1)));
        var kept = RetentionReview.Keep(Organisation, item, "Identity disputed by the other parent", new DateOnly(2026, 6, 1), "dpo", At, new DateOnly(2026, 3, 1));

        Assert.Equal(DueDisposition.ReviewByDpo, Assert.Single(Due(facts, new DateOnly(2026, 6, 1), reviews: [kept])).Disposition);
    }

    [Fact]
    public void A_keep_decision_on_another_case_does_not_move_this_one()
    {
        var other = Closed(new DateOnly(2020, 3, 31));
        var kept = RetentionReview.Keep(Organisation, Assert.Single(Due(other, Today)), "Solicitor asked", new DateOnly(2027, 1, 1), "dpo", At, Today);
        Assert.Single(Due(Facts, Today, reviews: [kept]));
    }

    [Fact]
    public void Destruction_is_approved_with_who_when_and_the_rule()
    {
        var review = RetentionReview.ApproveDestruction(Organisation, DueFile(), "dpo", At, Today);

        Assert.Equal((RetentionReviewDecision.Destroy, "dpo", At, (DateOnly?)null), (review.Decision, review.DecidedBy, review.DecidedAt, review.KeepUntil));
        Assert.Equal(DueDisposition.DestroyAutomatically, Assert.Single(Due(Facts, Today, reviews: [review])).Disposition);
    }

    [Fact]
    public void A_legal_hold_blocks_approval_of_destruction()
    {
        var refused = Assert.Throws<DomainRuleException>(() => RetentionReview.ApproveDestruction(Organisation, DueFile(holds: [HoldOnCase(Facts.RequestId)]), "dpo", At, Today));
        Assert.StartsWith("This record cannot be destroyed while a hold is in force. ICO investigation hold", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_released_hold_does_not_block_approval_of_destruction()
    {
        var hold = HoldOnCase(Facts.RequestId);
        hold.Release("ICO closed its case", "dpo", Morning.AddDays(1));
        Assert.Equal(RetentionReviewDecision.Destroy, RetentionReview.ApproveDestruction(Organisation, DueFile(holds: [hold]), "dpo", At, Today).Decision);
    }

    [Fact]
    public void An_automatic_hold_blocks_approval_of_destruction()
    {
        var open = new RelatedCase("STK-2026-000009", Right.Complaint, RequestStatus.InProgress, null, null);
        var refused = Assert.Throws<DomainRuleException>(() => RetentionReview.ApproveDestruction(Organisation, DueFile(others: [open]), "dpo", At, Today));
        Assert.Contains("complaint STK-2026-000009", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_is_no_longer_carried_out_once_a_hold_is_placed()
    {
        var approved = RetentionReview.ApproveDestruction(Organisation, DueFile(), "dpo", At, Today);
        var item = Assert.Single(Due(Facts, Today, holds: [HoldOnCase(Facts.RequestId)], reviews: [approved]));
        Assert.Equal(DueDisposition.Held, item.Disposition);
    }

    [Fact]
    public void An_approval_given_before_the_file_was_reopened_and_closed_again_does_not_carry_over()
    {
        var approved = RetentionReview.ApproveDestruction(Organisation, DueFile(), "dpo", At, Today);
        Assert.Equal(DueDisposition.DestroyAutomatically, Assert.Single(Due(Facts, Today, reviews: [approved])).Disposition);

        // Reopened for an internal review and closed again a day later: due a day later, and the DPO decides again.
        var reclosed = Closed(new DateOnly(2020, 4, 1), id: Facts.RequestId);
        var item = Assert.Single(Due(reclosed, Today, reviews: [approved]));
        Assert.Equal((DueDisposition.ReviewByDpo, new DateOnly(2026, 4, 1)), (item.Disposition, item.DueSince));
    }

    [Fact]
    public void An_item_not_yet_due_cannot_be_decided()
    {
        var early = DueFile() with { DueSince = Today.AddDays(1) };
        Assert.Throws<DomainRuleException>(() => RetentionReview.ApproveDestruction(Organisation, early, "dpo", At, Today));
        Assert.Throws<DomainRuleException>(() => RetentionReview.Keep(Organisation, early, "Reason", Today.AddDays(30), "dpo", At, Today));
    }

    [Fact]
    public void Approving_destruction_needs_a_person()
    {
        Assert.Throws<DomainRuleException>(() => RetentionReview.ApproveDestruction(Organisation, DueFile(), "", At, Today));
    }
}
