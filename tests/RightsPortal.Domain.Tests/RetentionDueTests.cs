using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;
using static RightsPortal.Domain.Tests.RetentionCases;

namespace RightsPortal.Domain.Tests;

/// <summary>Which of a case's own records have reached their date, and whether they are destroyed, reviewed or held.</summary>
public sealed class RetentionDueTests
{
    private static readonly DateOnly Mar31_2020 = new(2020, 3, 31);

    [Fact]
    public void A_case_file_closed_on_31_March_2020_is_not_due_on_30_March_2026()
    {
        Assert.Empty(Due(Closed(Mar31_2020), new DateOnly(2026, 3, 30)));
    }

    [Fact]
    public void A_case_file_closed_on_31_March_2020_is_due_for_review_from_31_March_2026()
    {
        var item = Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 3, 31)));

        Assert.Equal(PortalRecordKind.CaseFile, item.Kind);
        Assert.Equal(new DateOnly(2026, 3, 31), item.DueSince);
        Assert.Equal(DueDisposition.ReviewByDpo, item.Disposition);
        Assert.Equal([PortalRecordKind.CaseFile, PortalRecordKind.CaseMessages, PortalRecordKind.CaseUploads], item.Covers);
        Assert.Equal("Rights-request case file: due since Tue 31 Mar 2026 (closed on Tue 31 Mar 2020 plus 6 years); waiting for the DPO's review.", item.Explanation);
    }

    [Fact]
    public void A_case_file_stays_due_after_its_date_with_the_same_due_since()
    {
        var item = Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2027, 1, 10)));
        Assert.Equal(new DateOnly(2026, 3, 31), item.DueSince);
    }

    [Fact]
    public void Contact_in_the_last_four_months_of_the_period_keeps_the_file_until_four_months_after_that_contact()
    {
        var facts = Closed(Mar31_2020, lastContactOn: new DateOnly(2026, 1, 15)); // plus 4 months: Fri 15 May 2026

        Assert.Empty(Due(facts, new DateOnly(2026, 5, 14)));
        var item = Assert.Single(Due(facts, new DateOnly(2026, 5, 15)));
        Assert.Equal(new DateOnly(2026, 5, 15), item.DueSince);
        Assert.Contains("last contact on Thu 15 Jan 2026 plus 4 months, which is later than closed on Tue 31 Mar 2020 plus 6 years", item.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Contact_long_before_the_end_of_the_period_does_not_move_it()
    {
        var item = Assert.Single(Due(Closed(Mar31_2020, lastContactOn: new DateOnly(2025, 11, 30)), new DateOnly(2026, 3, 31))); // + 4 months = 30 Mar 2026
        Assert.Equal(new DateOnly(2026, 3, 31), item.DueSince);
    }

    [Fact]
    public void A_complaint_file_is_due_six_years_after_closure_whatever_the_last_contact()
    {
        var facts = Closed(new DateOnly(2021, 6, 30), Right.Complaint, lastContactOn: new DateOnly(2027, 5, 1));

        Assert.Empty(Due(facts, new DateOnly(2027, 6, 29)));
        var item = Assert.Single(Due(facts, new DateOnly(2027, 6, 30)));
        Assert.Equal((PortalRecordKind.ComplaintFile, new DateOnly(2027, 6, 30)), (item.Kind, item.DueSince));
        Assert.Contains(PortalRecordKind.CaseMessages, item.Covers);
    }

    [Fact]
    public void Nothing_in_the_case_file_is_due_while_the_case_is_open()
    {
        Assert.Empty(Due(Closed(null, lastContactOn: Mar31_2020), new DateOnly(2040, 1, 1)));
    }

    [Theory]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.ResponseDrafted)]
    [InlineData(RequestStatus.ClarificationRequested)]
    public void Nothing_in_the_case_file_is_due_while_the_case_is_open_even_with_a_closure_date_left_over(RequestStatus open)
    {
        Assert.Empty(Due(Closed(Mar31_2020) with { Status = open }, new DateOnly(2040, 1, 1)));
    }

    [Theory]
    [InlineData(RequestStatus.Withdrawn)]
    [InlineData(RequestStatus.Transferred)]
    public void A_withdrawn_or_transferred_case_file_is_due_like_a_closed_one(RequestStatus finished)
    {
        Assert.Equal(new DateOnly(2026, 3, 31), Assert.Single(Due(Closed(Mar31_2020) with { Status = finished }, new DateOnly(2026, 3, 31))).DueSince);
    }

    [Fact]
    public void A_case_reopened_for_internal_review_has_nothing_due_however_old_its_first_closure()
    {
        var reopened = Closed(Mar31_2020) with { Status = RequestStatus.InProgress, ClosedOn = null };
        Assert.Empty(Due(reopened, new DateOnly(2030, 1, 1)));
    }

    [Theory]
    [InlineData(false, "2033-02-28")]
    [InlineData(true, "2033-03-01")]
    public void A_case_closed_on_29_February_2008_under_a_25_year_line_falls_due_on_the_chosen_day(bool leapDayToFirstMarch, string expected)
    {
        var settings = Schedule("Rights-request case file", 25, 0, RetentionAction.Review, leapDayToFirstMarch);
        var facts = Closed(new DateOnly(2008, 2, 29));
        var dueOn = Dates.D(expected);

        Assert.Empty(Due(facts, dueOn.AddDays(-1), settings));
        Assert.Equal(dueOn, Assert.Single(Due(facts, dueOn, settings)).DueSince);
    }

    [Fact]
    public void A_case_closed_on_29_February_2020_is_due_on_28_February_2026_by_default()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), Assert.Single(Due(Closed(new DateOnly(2020, 2, 29)), new DateOnly(2026, 2, 28))).DueSince);
        Assert.Empty(Due(Closed(new DateOnly(2020, 2, 29)), new DateOnly(2026, 2, 28), RetentionSettings.Defaults with { LeapDayToFirstMarch = true }));
    }

    [Fact]
    public void An_organisation_that_destroys_case_files_without_review_has_them_destroyed_automatically()
    {
        var settings = Schedule("Rights-request case file", 6, 0, RetentionAction.Destroy);
        Assert.Equal(DueDisposition.DestroyAutomatically, Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 3, 31), settings)).Disposition);
    }

    [Fact]
    public void An_anonymise_action_waits_for_the_DPO()
    {
        var settings = Schedule("Rights-request case file", 6, 0, RetentionAction.Anonymise);
        Assert.Equal(DueDisposition.ReviewByDpo, Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 3, 31), settings)).Disposition);
    }

    [Fact]
    public void Identity_documents_decided_on_31_January_are_destroyed_automatically_from_28_February_even_while_the_case_is_open()
    {
        var facts = Closed(null) with { IdentityDecidedOn = new DateOnly(2026, 1, 31), HasIdentityDocuments = true };

        Assert.Empty(Due(facts, new DateOnly(2026, 2, 27)));
        var item = Assert.Single(Due(facts, new DateOnly(2026, 2, 28)));
        Assert.Equal((PortalRecordKind.IdentityDocuments, new DateOnly(2026, 2, 28), DueDisposition.DestroyAutomatically), (item.Kind, item.DueSince, item.Disposition));
        Assert.Equal([PortalRecordKind.IdentityDocuments], item.Covers);
    }

    [Fact]
    public void Identity_documents_already_destroyed_are_not_due_again()
    {
        var facts = Closed(null) with { IdentityDecidedOn = new DateOnly(2026, 1, 31), HasIdentityDocuments = false };
        Assert.Empty(Due(facts, new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void A_closed_case_with_identity_documents_lists_both_items()
    {
        var facts = Closed(Mar31_2020) with { IdentityDecidedOn = new DateOnly(2020, 3, 2), HasIdentityDocuments = true };
        var due = Due(facts, new DateOnly(2026, 4, 1));
        Assert.Equal([PortalRecordKind.IdentityDocuments, PortalRecordKind.CaseFile], due.Select(d => d.Kind));
        Assert.Equal(new DateOnly(2020, 4, 2), due[0].DueSince);
    }

    [Fact]
    public void A_legal_hold_on_the_case_holds_a_due_file_instead_of_sending_it_for_review()
    {
        var facts = Closed(Mar31_2020);
        var hold = HoldOnCase(facts.RequestId);

        var item = Assert.Single(Due(facts, new DateOnly(2026, 4, 1), holds: [hold]));
        Assert.Equal(DueDisposition.Held, item.Disposition);
        Assert.Equal(hold.Id, Assert.Single(item.Holds).LegalHoldId);
        Assert.Contains("ICO investigation hold placed by dpo@council.example on this case: ICO case IC-123456-A7B8", item.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legal_hold_stops_even_automatic_destruction()
    {
        var facts = Closed(Mar31_2020) with { IdentityDecidedOn = new DateOnly(2026, 1, 31), HasIdentityDocuments = true };
        var item = Due(facts, new DateOnly(2026, 3, 1), holds: [HoldOnCase(facts.RequestId)]).Single(i => i.Kind == PortalRecordKind.IdentityDocuments);
        Assert.Equal(DueDisposition.Held, item.Disposition);
    }

    [Fact]
    public void A_released_hold_no_longer_holds()
    {
        var facts = Closed(Mar31_2020);
        var hold = HoldOnCase(facts.RequestId);
        hold.Release("ICO closed its case with no further action", "dpo@council.example", Morning.AddDays(30));

        var item = Assert.Single(Due(facts, new DateOnly(2026, 5, 1), holds: [hold]));
        Assert.Equal(DueDisposition.ReviewByDpo, item.Disposition);
        Assert.Empty(item.Holds);
    }

    [Fact]
    public void A_hold_on_another_case_does_not_hold_this_one()
    {
        var item = Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 4, 1), holds: [HoldOnCase(Guid.NewGuid())]));
        Assert.Equal(DueDisposition.ReviewByDpo, item.Disposition);
    }

    [Fact]
    public void A_hold_on_the_child_holds_every_case_about_that_child_however_the_name_is_written()
    {
        var hold = LegalHold.OnChild(Organisation, "  SAM   example ", new DateOnly(2012, 5, 4), LegalHoldKind.Tribunal, "SEND Tribunal appeal EH123/26", "dpo", Morning, new DateOnly(2026, 3, 31));
        var otherChild = Closed(Mar31_2020) with { Child = ChildKey.Of("Sam Example", new DateOnly(2012, 5, 5)) };

        Assert.Equal(DueDisposition.Held, Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 4, 1), holds: [hold])).Disposition);
        Assert.Equal(DueDisposition.ReviewByDpo, Assert.Single(Due(otherChild, new DateOnly(2026, 4, 1), holds: [hold])).Disposition);
    }

    [Fact]
    public void An_open_request_about_the_same_child_holds_the_closed_file()
    {
        var other = new RelatedCase("STK-2026-000042", Right.Access, RequestStatus.InProgress, null, null);
        var item = Assert.Single(Due(Closed(Mar31_2020), new DateOnly(2026, 4, 1), others: [other]));

        Assert.Equal(DueDisposition.Held, item.Disposition);
        Assert.Equal(AutomaticHoldReason.OpenRequest, Assert.Single(item.Holds).Automatic);
        Assert.Contains("Held while request STK-2026-000042 about this child is open.", item.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cases_own_hearing_holds_it_until_the_hearing_day_is_past()
    {
        var facts = Closed(Mar31_2020) with { HearingKind = HearingKind.SendTribunal, HearingOn = new DateOnly(2026, 4, 20) };

        Assert.Equal(DueDisposition.Held, Assert.Single(Due(facts, new DateOnly(2026, 4, 20))).Disposition);
        Assert.Equal(DueDisposition.ReviewByDpo, Assert.Single(Due(facts, new DateOnly(2026, 4, 21))).Disposition);
    }

    [Fact]
    public void The_case_itself_in_the_list_of_cases_for_the_child_does_not_hold_itself()
    {
        var facts = Closed(Mar31_2020);
        var self = new RelatedCase(facts.Reference, facts.Right, RequestStatus.Closed, null, null);
        Assert.Empty(Assert.Single(Due(facts, new DateOnly(2026, 4, 1), others: [self])).Holds);
    }

    [Fact]
    public void A_sent_email_copy_is_destroyed_automatically_a_month_after_sending()
    {
        var sent = new DateOnly(2026, 1, 31);
        Assert.Null(RetentionDue.ForSentMail(sent, null, null, null, RetentionSettings.Defaults, [], new DateOnly(2026, 2, 27)));

        var item = RetentionDue.ForSentMail(sent, null, null, null, RetentionSettings.Defaults, [], new DateOnly(2026, 2, 28));
        Assert.NotNull(item);
        Assert.Equal((PortalRecordKind.SentMailBodies, new DateOnly(2026, 2, 28), DueDisposition.DestroyAutomatically), (item.Kind, item.DueSince, item.Disposition));
    }

    [Fact]
    public void A_sent_email_about_a_held_case_is_kept()
    {
        var requestId = Guid.NewGuid();
        var item = RetentionDue.ForSentMail(new DateOnly(2026, 1, 31), requestId, "STK-2026-000001", Sam, RetentionSettings.Defaults, [HoldOnCase(requestId)], new DateOnly(2026, 3, 31));
        Assert.Equal(DueDisposition.Held, item!.Disposition);
    }

    [Fact]
    public void A_sent_email_about_a_child_with_an_open_case_or_a_hearing_to_come_is_kept_until_they_end()
    {
        var requestId = Guid.NewGuid();
        var today = new DateOnly(2026, 3, 31);
        RelatedCase Open() => new("STK-2026-000001", Right.Access, RequestStatus.InProgress, null, null);
        RelatedCase Hearing() => new("STK-2026-000002", Right.Access, RequestStatus.Closed, HearingKind.SendTribunal, today.AddDays(10));

        Assert.Equal(DueDisposition.Held, RetentionDue.ForSentMail(new DateOnly(2026, 1, 31), requestId, null, Sam, RetentionSettings.Defaults, [], today, [Open()])!.Disposition);
        var hearing = RetentionDue.ForSentMail(new DateOnly(2026, 1, 31), requestId, null, Sam, RetentionSettings.Defaults, [], today, [Hearing()])!;
        Assert.Equal(DueDisposition.Held, hearing.Disposition);
        Assert.Contains("STK-2026-000002", hearing.Holds.Single().Explanation, StringComparison.Ordinal);
        var closed = new RelatedCase("STK-2026-000003", Right.Access, RequestStatus.Closed, null, null);
        Assert.Equal(DueDisposition.DestroyAutomatically, RetentionDue.ForSentMail(new DateOnly(2026, 1, 31), requestId, null, Sam, RetentionSettings.Defaults, [], today, [closed])!.Disposition);
    }
}
