using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Tests;

/// <summary>Issue 7: the rules a DPO's change to the organisation's retention schedule must follow, and how a line reads.</summary>
public sealed class RetentionScheduleEditTests
{
    private const string Why = "Reviewed against the IRMS toolkit";

    private static RetentionRule Rule(string recordType, RetentionTrigger trigger, int years, int months, RetentionAction action) =>
        new() { Id = Guid.NewGuid(), RecordType = recordType, Trigger = trigger, Years = years, Months = months, Action = action };

    private static readonly RetentionRule SenFile = Rule("SEN file, EHC plan and reviews", RetentionTrigger.DateOfBirth, 31, 0, RetentionAction.Review);
    private static readonly RetentionRule CaseFile = Rule("Rights-request case file", RetentionTrigger.Closure, 6, 0, RetentionAction.Review);
    private static readonly RetentionRule[] Schedule = [SenFile, CaseFile];

    private static string Refusal(RetentionLine line, RetentionRule? existing = null, string? reason = Why) =>
        Assert.Throws<DomainRuleException>(() => RetentionScheduleEdit.CheckLine(line, existing, Schedule, reason)).Message;

    private static RetentionLine Line(string recordType = "School child-protection file", RetentionTrigger trigger = RetentionTrigger.DateOfBirth,
        int years = 25, int months = 0, RetentionAction action = RetentionAction.Review) => new(recordType, trigger, years, months, action);

    [Fact]
    public void A_new_line_is_accepted_with_its_record_type_trimmed()
    {
        Assert.Equal("School child-protection file", RetentionScheduleEdit.CheckLine(Line("  School child-protection file  "), null, Schedule, Why));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_line_needs_a_record_type(string recordType)
    {
        Assert.Equal(RetentionScheduleEdit.RecordTypeMissing, Refusal(Line(recordType)));
    }

    [Fact]
    public void A_record_type_may_be_200_characters_but_not_201()
    {
        RetentionScheduleEdit.CheckLine(Line(new string('a', 200)), null, Schedule, Why);
        Assert.Equal("Keep the kind of record to 200 characters or fewer.", Refusal(Line(new string('a', 201))));
    }

    [Theory]
    [InlineData("SEN file, EHC plan and reviews")]
    [InlineData("  sen FILE, ehc plan and REVIEWS ")]
    public void A_record_type_already_on_the_schedule_cannot_be_added_again_whatever_its_case_or_spacing(string recordType)
    {
        Assert.Equal("Your schedule already has a line for \"SEN file, EHC plan and reviews\". Change that line instead of adding another.",
            Refusal(Line(recordType)));
    }

    [Fact]
    public void Changing_a_line_does_not_clash_with_itself()
    {
        var changed = RetentionScheduleEdit.CheckLine(Line("SEN file, EHC plan and reviews", years: 35), SenFile, Schedule, Why);
        Assert.Equal("SEN file, EHC plan and reviews", changed);
    }

    [Fact]
    public void Renaming_a_line_to_another_lines_record_type_is_refused()
    {
        Assert.StartsWith("Your schedule already has a line for \"Rights-request case file\"",
            Refusal(Line("rights-request case file", RetentionTrigger.Closure, 6), SenFile), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(150, 11)]
    [InlineData(1, 0)]
    public void Periods_within_the_limits_are_accepted(int years, int months)
    {
        RetentionScheduleEdit.CheckLine(Line(years: years, months: months), null, Schedule, Why);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(151)]
    public void Years_outside_0_to_150_are_refused(int years)
    {
        Assert.Equal("Give the years as a whole number from 0 to 150.", Refusal(Line(years: years)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void Months_outside_0_to_11_are_refused(int months)
    {
        Assert.Equal(RetentionScheduleEdit.MonthsOutOfRange, Refusal(Line(years: 1, months: months)));
    }

    [Fact]
    public void A_period_of_nothing_is_refused()
    {
        Assert.Equal(RetentionScheduleEdit.PeriodZero, Refusal(Line(years: 0, months: 0)));
    }

    [Fact]
    public void An_unknown_trigger_or_action_is_refused()
    {
        Assert.Equal(RetentionScheduleEdit.TriggerUnknown, Refusal(Line(trigger: (RetentionTrigger)99)));
        Assert.Equal(RetentionScheduleEdit.ActionUnknown, Refusal(Line(action: (RetentionAction)99)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_change_without_a_reason_is_refused(string? reason)
    {
        Assert.Equal(RetentionScheduleEdit.ReasonMissing, Refusal(Line(), reason: reason));
        Assert.Equal(RetentionScheduleEdit.ReasonMissing, Assert.Throws<DomainRuleException>(() => RetentionScheduleEdit.CheckReason(reason)).Message);
    }

    [Fact]
    public void A_reason_may_be_as_long_as_the_limit_but_no_longer()
    {
        Assert.Equal(RetentionRuleChange.ReasonLimit, RetentionScheduleEdit.CheckReason(new string('r', RetentionRuleChange.ReasonLimit)).Length);
        Assert.Equal("Keep the reason to 2,000 characters or fewer.", Refusal(Line(), reason: new string('r', RetentionRuleChange.ReasonLimit + 1)));
    }

    [Fact]
    public void A_change_that_changes_nothing_is_refused()
    {
        Assert.StartsWith("Nothing on this line has changed", Refusal(Line("SEN file, EHC plan and reviews", years: 31), SenFile), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rights-request case file", RetentionTrigger.Closure)]
    [InlineData("Data-protection complaint file", RetentionTrigger.Closure)]
    [InlineData("identity documents uploaded for verification", RetentionTrigger.VerificationDecided)]
    public void A_portal_records_period_and_action_may_change_with_its_own_trigger(string recordType, RetentionTrigger trigger)
    {
        var schedule = new[] { SenFile };
        RetentionScheduleEdit.CheckLine(new(recordType, trigger, 7, 0, RetentionAction.Destroy), null, schedule, Why);
    }

    [Theory]
    [InlineData("Rights-request case file", RetentionTrigger.DateOfBirth, "The period for \"Rights-request case file\" always starts after the file closes, the date the portal records.")]
    [InlineData("Identity documents uploaded for verification", RetentionTrigger.Closure, "The period for \"Identity documents uploaded for verification\" always starts after the identity decision, the date the portal records.")]
    public void A_portal_records_trigger_cannot_change(string recordType, RetentionTrigger trigger, string message)
    {
        var refused = Assert.Throws<DomainRuleException>(() => RetentionScheduleEdit.CheckLine(new(recordType, trigger, 1, 0, RetentionAction.Review), null, [SenFile], Why));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("Choose that trigger, and change only the period or the action.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_of_emails_sent_may_change_their_period_but_not_what_starts_it_nor_be_kept_for_review()
    {
        var copies = Rule("Copies of emails sent", RetentionTrigger.LastContact, 0, 1, RetentionAction.Destroy);
        RetentionScheduleEdit.CheckLine(new("Copies of emails sent", RetentionTrigger.LastContact, 0, 3, RetentionAction.Destroy), copies, [copies], Why);

        var refused = Assert.Throws<DomainRuleException>(() =>
            RetentionScheduleEdit.CheckLine(new("Copies of emails sent", RetentionTrigger.Closure, 0, 3, RetentionAction.Destroy), copies, [copies], Why));
        Assert.Equal("The period for \"Copies of emails sent\" always starts when each email was sent. Change only the period or the action.", refused.Message);

        foreach (var action in new[] { RetentionAction.Review, RetentionAction.Anonymise })
        {
            var review = Assert.Throws<DomainRuleException>(() =>
                RetentionScheduleEdit.CheckLine(new("Copies of emails sent", RetentionTrigger.LastContact, 0, 3, action), copies, [copies], Why));
            Assert.StartsWith("Copies of emails are destroyed automatically when their period ends", review.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Messages on the case")]
    [InlineData("Files uploaded or sent on the case")]
    public void A_record_kept_with_another_cannot_be_a_line_of_its_own(string recordType)
    {
        Assert.Equal(
            $"\"{recordType}\" are kept and destroyed with the rights-request case file and have no period of their own. Change the line for \"Rights-request case file\" instead.",
            Refusal(Line(recordType, RetentionTrigger.Closure, 6)));
    }

    [Theory]
    [InlineData(RetentionTrigger.Closure, RetentionAction.Review, "Rights-request case file: 6 years after the file closes, then reviewed by the DPO")]
    [InlineData(RetentionTrigger.DateOfBirth, RetentionAction.Destroy, "Rights-request case file: 6 years from the date of birth, then destroyed automatically")]
    [InlineData(RetentionTrigger.LastContact, RetentionAction.Anonymise, "Rights-request case file: 6 years after the last contact, then anonymised after review by the DPO")]
    [InlineData(RetentionTrigger.VerificationDecided, RetentionAction.Destroy, "Rights-request case file: 6 years after the identity decision, then destroyed automatically")]
    public void A_line_is_described_in_words(RetentionTrigger trigger, RetentionAction action, string words)
    {
        Assert.Equal(words, RetentionScheduleEdit.Describe(Rule(" Rights-request case file ", trigger, 6, 0, action)));
    }

    [Fact]
    public void A_copy_of_an_email_is_described_from_when_it_was_sent_and_periods_read_naturally()
    {
        Assert.Equal("Copies of emails sent: 1 month after it was sent, then destroyed automatically",
            RetentionScheduleEdit.Describe(Rule("Copies of emails sent", RetentionTrigger.Closure, 0, 1, RetentionAction.Destroy)));
        Assert.Equal("Looked-after child record: 75 years and 6 months from the date of birth, then reviewed by the DPO",
            RetentionScheduleEdit.Describe(Rule("Looked-after child record", RetentionTrigger.DateOfBirth, 75, 6, RetentionAction.Review)));
    }

    [Fact]
    public void Portal_triggers_map_to_schedule_triggers_except_sending()
    {
        Assert.Equal(RetentionTrigger.Closure, RetentionScheduleEdit.TriggerFor(PortalRecordTrigger.Closure));
        Assert.Equal(RetentionTrigger.VerificationDecided, RetentionScheduleEdit.TriggerFor(PortalRecordTrigger.VerificationDecided));
        Assert.Null(RetentionScheduleEdit.TriggerFor(PortalRecordTrigger.Sent));
        Assert.Null(RetentionScheduleEdit.TriggerFor(PortalRecordTrigger.FollowsRecord));
    }

    [Fact]
    public void The_29_February_setting_is_described_in_words()
    {
        Assert.Equal("A period counted from 29 February ends on 28 February in a year without one", RetentionScheduleEdit.DescribeLeapDay(false));
        Assert.Equal("A period counted from 29 February ends on 1 March in a year without one", RetentionScheduleEdit.DescribeLeapDay(true));
    }
}
