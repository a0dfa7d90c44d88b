using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>Who may ask, for whom (domain rules section 3): the young-person date, authority records and the warnings they drive.</summary>
public sealed class AuthorityTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly DateOnly Nov2 = new(2026, 11, 2);

    private static CaseContext On(DateOnly today) =>
        new("caseworker-1", new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, ClockSettings.Default);

    private static RightsRequest Request(RequesterRole role, DateOnly dateOfBirth, RequestStatus? upTo = RequestStatus.InProgress)
    {
        var request = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000009", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(role, "Pat Jones", "pat@example.org", "Sam Jones", dateOfBirth, null),
            ["ehc"], null, Nov2, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), Nov2, Calculator, ClockSettings.Default);
        if (upTo == RequestStatus.InProgress) request.ProceedWithoutIdentity("Known to the service", On(Nov2));
        return request;
    }

    [Theory]
    [InlineData("2010-08-31", "2026-06-26")] // turns 16 on 31 Aug 2026: school year 2025/26
    [InlineData("2010-09-01", "2027-06-25")] // turns 16 on 1 Sep 2026: school year 2026/27
    [InlineData("2009-12-25", "2026-06-26")] // turns 16 at Christmas 2025: school year 2025/26
    [InlineData("2010-01-01", "2026-06-26")]
    [InlineData("2008-02-29", "2024-06-28")] // a leap-day birthday turns 16 in February 2024
    public void A_young_person_from_the_last_Friday_in_June_of_the_school_year_they_turn_16(string born, string from)
    {
        var day = YoungPerson.From(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), day);
        Assert.Equal(DayOfWeek.Friday, day.DayOfWeek);
        Assert.Equal(6, day.Month);
        Assert.True(day.AddDays(7).Month == 7, "it is the last Friday in June");
    }

    [Fact]
    public void The_stage_changes_on_the_young_person_date_and_the_18th_birthday()
    {
        var born = new DateOnly(2010, 8, 31);

        Assert.Equal(SubjectStage.Child, YoungPerson.StageOn(born, new DateOnly(2026, 6, 25)));
        Assert.Equal(SubjectStage.YoungPerson, YoungPerson.StageOn(born, new DateOnly(2026, 6, 26)));
        Assert.Equal(SubjectStage.YoungPerson, YoungPerson.StageOn(born, new DateOnly(2028, 8, 30)));
        Assert.Equal(SubjectStage.Adult, YoungPerson.StageOn(born, new DateOnly(2028, 8, 31)));
    }

    [Fact]
    public void A_parent_asking_for_a_young_person_is_warned_that_the_rights_are_now_theirs()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2010, 1, 15));

        var warning = Assert.Single(request.AuthorityWarnings(Nov2), w => w.Text.Contains("young person", StringComparison.Ordinal));
        Assert.True(warning.Serious);
        Assert.Equal("Sam Jones has been a young person since Fri 26 Jun 2026: their EHC rights are now their own. Check they agree to their parent acting for them.", warning.Text);

        // The day before, still a child: no such warning.
        Assert.DoesNotContain(request.AuthorityWarnings(new DateOnly(2026, 6, 25)), w => w.Text.Contains("young person", StringComparison.Ordinal));
    }

    [Fact]
    public void A_young_person_asking_for_themself_gets_no_parent_warning()
    {
        var request = Request(RequesterRole.YoungPerson, new DateOnly(2010, 1, 15));

        Assert.Empty(request.AuthorityWarnings(Nov2));
    }

    [Fact]
    public void A_parent_of_an_adult_needs_written_authority_and_the_warning_goes_once_it_is_recorded()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2008, 5, 1));
        Assert.Contains(request.AuthorityWarnings(Nov2), w => w.Serious && w.Text.Contains("written authority", StringComparison.Ordinal));

        request.RecordAuthority(AuthorityKind.YoungPersonWrittenAuthority, "Signed letter from Sam dated 1 Nov 2026", null, On(Nov2));

        Assert.DoesNotContain(request.AuthorityWarnings(Nov2), w => w.Text.Contains("written authority", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deputyship_also_lets_a_parent_act_for_an_adult()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2008, 5, 1));
        request.RecordAuthority(AuthorityKind.DeputyshipOrAttorney, "Court of Protection deputyship order seen", null, On(Nov2));

        Assert.DoesNotContain(request.AuthorityWarnings(Nov2), w => w.Text.Contains("written authority", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parent_is_asked_to_record_parental_responsibility_and_competence_until_both_are_recorded()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2014, 3, 1));
        var warnings = request.AuthorityWarnings(Nov2);
        Assert.Contains(warnings, w => w.Text.StartsWith("Parental responsibility has not been recorded", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Text.Contains("competence assessment", StringComparison.Ordinal) && !w.Serious);

        request.RecordAuthority(AuthorityKind.ParentalResponsibilityDeclared, "Mother, named on the EHC plan", null, On(Nov2));
        request.RecordAuthority(AuthorityKind.CompetenceAssessment, "Spoke with Sam and the SENDCo", false, On(Nov2));

        Assert.Empty(request.AuthorityWarnings(Nov2));
    }

    [Fact]
    public void A_child_asking_for_themself_needs_a_competence_assessment_whatever_their_age()
    {
        var young = Request(RequesterRole.Child, new DateOnly(2019, 3, 1));

        var warning = Assert.Single(young.AuthorityWarnings(Nov2));
        Assert.True(warning.Serious);
        Assert.Contains("There is no fixed age", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_representative_needs_signed_authority()
    {
        var request = Request(RequesterRole.Representative, new DateOnly(2014, 3, 1));
        Assert.Contains(request.AuthorityWarnings(Nov2), w => w.Serious && w.Text.Contains("signed authority", StringComparison.Ordinal));

        request.RecordAuthority(AuthorityKind.RepresentativeSignedAuthority, "Form of authority signed by the mother, 30 Oct 2026", null, On(Nov2));

        Assert.Empty(request.AuthorityWarnings(Nov2));
    }

    [Fact]
    public void A_court_order_restricting_a_parent_is_shown_as_a_warning_with_what_it_restricts()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2014, 3, 1));
        request.RecordAuthority(AuthorityKind.CourtOrder, "Prohibited steps order: no information about the child's school to the father.", null, On(Nov2));

        var warning = Assert.Single(request.AuthorityWarnings(Nov2), w => w.Text.StartsWith("A court order", StringComparison.Ordinal));
        Assert.True(warning.Serious);
        Assert.Contains("no information about the child's school to the father", warning.Text, StringComparison.Ordinal);
        Assert.Equal("Authority recorded", request.Events[^1].Kind);
    }

    [Fact]
    public void An_authority_record_needs_its_detail_and_a_competence_assessment_needs_its_finding()
    {
        var request = Request(RequesterRole.ParentCarer, new DateOnly(2014, 3, 1));
        var events = request.Events.Count;

        Assert.Throws<DomainRuleException>(() => request.RecordAuthority(AuthorityKind.CourtOrder, " ", null, On(Nov2)));
        var noFinding = Assert.Throws<DomainRuleException>(() => request.RecordAuthority(AuthorityKind.CompetenceAssessment, "Spoke with Sam", null, On(Nov2)));
        Assert.Equal("Say whether the child understands what the request means.", noFinding.Message);
        Assert.Throws<DomainRuleException>(() => request.RecordAuthority(AuthorityKind.ParentalResponsibilityDeclared, "Mother", true, On(Nov2)));

        Assert.Empty(request.Authorities);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void A_finished_request_shows_no_warnings_and_takes_no_authority()
    {
        var request = Request(RequesterRole.Representative, new DateOnly(2014, 3, 1));
        request.Withdraw("Resolved", On(Nov2));

        Assert.Empty(request.AuthorityWarnings(Nov2));
        Assert.Throws<DomainRuleException>(() => request.RecordAuthority(AuthorityKind.RepresentativeSignedAuthority, "Signed", null, On(Nov2)));
    }
}
