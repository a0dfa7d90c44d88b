using RightsPortal.Domain.Retention;
using static RightsPortal.Domain.Tests.RetentionCases;

namespace RightsPortal.Domain.Tests;

/// <summary>The portal's own records: their default periods (domain rules section 4) and an organisation's changes to them.</summary>
public sealed class RetentionCatalogueTests
{
    [Fact]
    public void A_case_file_is_kept_six_years_after_closure_and_at_least_four_months_after_last_contact_then_reviewed()
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, []);

        Assert.Equal((6, 0, RetentionAction.Review, 4), (rule.Years, rule.Months, rule.Action, rule.MinimumMonthsAfterLastContact));
        Assert.Equal(PortalRecordTrigger.Closure, rule.Trigger);
        Assert.False(rule.SetByOrganisation);
        Assert.Equal("Rights-request case file: 6 years after the file closes, and never less than 4 months after the last contact (reviewed by the DPO, the portal's default)", rule.Describe());
    }

    [Fact]
    public void A_complaint_file_is_kept_six_years_after_closure_with_no_last_contact_minimum()
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.ComplaintFile, []);
        Assert.Equal((6, 0, RetentionAction.Review), (rule.Years, rule.Months, rule.Action));
        Assert.Null(rule.MinimumMonthsAfterLastContact);
    }

    [Fact]
    public void Identity_documents_are_destroyed_automatically_a_month_after_the_decision()
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.IdentityDocuments, []);
        Assert.Equal((0, 1, RetentionAction.Destroy, PortalRecordTrigger.VerificationDecided), (rule.Years, rule.Months, rule.Action, rule.Trigger));
        Assert.Contains("only the fact that ID was checked", PortalRecordCatalogue.Default(PortalRecordKind.IdentityDocuments).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_of_sent_emails_are_destroyed_automatically_a_month_after_sending()
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.SentMailBodies, []);
        Assert.Equal((0, 1, RetentionAction.Destroy, PortalRecordTrigger.Sent), (rule.Years, rule.Months, rule.Action, rule.Trigger));
    }

    [Fact]
    public void Every_kind_of_record_has_one_plain_english_name_and_explanation()
    {
        Assert.Equal(Enum.GetValues<PortalRecordKind>().Order(), PortalRecordCatalogue.All.Select(d => d.Kind).Order());
        Assert.All(PortalRecordCatalogue.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.True(d.Explanation.Length > 40, d.Kind.ToString());
        });
        Assert.Equal(PortalRecordCatalogue.All.Count, PortalRecordCatalogue.All.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void The_section_4_records_use_the_record_type_names_organisations_schedules_already_use()
    {
        Assert.Equal("Rights-request case file", PortalRecordCatalogue.Default(PortalRecordKind.CaseFile).Name);
        Assert.Equal("Data-protection complaint file", PortalRecordCatalogue.Default(PortalRecordKind.ComplaintFile).Name);
        Assert.Equal("Identity documents uploaded for verification", PortalRecordCatalogue.Default(PortalRecordKind.IdentityDocuments).Name);
    }

    [Fact]
    public void An_organisations_schedule_line_changes_the_period_and_action_but_keeps_the_last_contact_minimum()
    {
        var settings = Schedule("  rights-request CASE FILE ", 7, 0, RetentionAction.Destroy);
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, settings.OrganisationRules);

        Assert.Equal((7, RetentionAction.Destroy, 4, true), (rule.Years, rule.Action, rule.MinimumMonthsAfterLastContact, rule.SetByOrganisation));
        Assert.EndsWith("(destroyed automatically, the organisation's schedule)", rule.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_and_uploads_follow_the_case_file_they_belong_to()
    {
        var settings = Schedule("Rights-request case file", 7, 0, RetentionAction.Review);
        var messages = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseMessages, settings.OrganisationRules);
        var uploads = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseUploads, []);

        Assert.Equal((PortalRecordKind.CaseMessages, 7, PortalRecordTrigger.FollowsRecord), (messages.Kind, messages.Years, messages.Trigger));
        Assert.Equal((PortalRecordKind.CaseUploads, 6), (uploads.Kind, uploads.Years));
        Assert.Equal([PortalRecordKind.CaseMessages, PortalRecordKind.CaseUploads], PortalRecordCatalogue.Followers(PortalRecordKind.CaseFile));
    }

    [Theory]
    [InlineData(false, "2033-02-28")]
    [InlineData(true, "2033-03-01")]
    public void A_29_February_trigger_plus_25_years_ends_on_the_organisations_chosen_day(bool leapDayToFirstMarch, string expected)
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, Schedule("Rights-request case file", 25, 0, RetentionAction.Review).OrganisationRules);
        Assert.Equal(Dates.D(expected), rule.EndsOn(new DateOnly(2008, 2, 29), leapDayToFirstMarch));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_29_February_trigger_plus_years_and_months_keeps_the_29th_whatever_the_choice(bool leapDayToFirstMarch)
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, Schedule("Rights-request case file", 6, 6, RetentionAction.Review).OrganisationRules);
        Assert.Equal(new DateOnly(2034, 8, 29), rule.EndsOn(new DateOnly(2028, 2, 29), leapDayToFirstMarch));
    }
}
