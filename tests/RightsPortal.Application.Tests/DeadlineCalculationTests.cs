using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Deadlines;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class DeadlineCalculationTests
{
    [Fact]
    public async Task Anyone_may_ask_when_a_request_is_due_and_gets_the_reasons()
    {
        await using var app = await PortalApp.StartAsync();
        var answer = await app.AsPublic().SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 1, 31)));

        Assert.Equal(new DateOnly(2026, 3, 2), answer.DueOn);
        Assert.Equal(HolidayRegion.EnglandAndWales, answer.HolidayRegion);
        Assert.Contains(answer.Explanation, l => l.Contains("no 31 Feb", StringComparison.Ordinal));
        Assert.EndsWith("Mon 2 Mar 2026.", answer.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisations_internal_target_is_shown_beside_the_legal_limit()
    {
        // Stoke's demo target is 20 working days: from Mon 2 Mar 2026, Mon 30 Mar 2026.
        await using var app = await PortalApp.StartAsync();
        var answer = await app.SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 3, 2), OrganisationCode: "stk"));
        Assert.Equal(new DateOnly(2026, 3, 30), answer.InternalTargetOn);
        Assert.Equal(new DateOnly(2026, 4, 2), answer.DueOn);
        Assert.Equal("Stoke-on-Trent City Council", answer.Organisation);
    }

    [Fact]
    public async Task A_schools_educational_record_request_counts_its_own_school_days()
    {
        // Received Tue 10 Feb 2026; half-term 16-20 Feb has no school days; the 15th school day is Tue 10 Mar 2026.
        await using var app = await PortalApp.StartAsync();
        var answer = await app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2026, 2, 10), OrganisationCode: "HHJ"));
        Assert.Equal(new DateOnly(2026, 3, 10), answer.DueOn);
    }

    [Fact]
    public async Task An_educational_record_request_to_a_council_without_a_school_calendar_is_refused_not_guessed()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2026, 2, 10), OrganisationCode: "STK")));
        Assert.Contains("school calendar", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_beyond_the_school_calendar_is_refused()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2027, 7, 15), OrganisationCode: "HHJ")));
        Assert.Contains("does not cover", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ico_reading_given_in_the_question_overrides_the_organisations()
    {
        await using var app = await PortalApp.StartAsync();
        var pauses = new[] { new ClarificationPause(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 9)) };
        var statutory = await app.SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 3, 2), Pauses: pauses, OrganisationCode: "STK"));
        var ico = await app.SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 3, 2), Pauses: pauses, Reading: "ico", OrganisationCode: "STK"));
        Assert.Equal(5, statutory.PausedDays);
        Assert.Equal(4, ico.PausedDays);
        Assert.Equal("ico", ico.Reading);
    }

    [Fact]
    public async Task An_unknown_organisation_is_not_found()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 3, 2), OrganisationCode: "ZZZ")));
    }

    [Fact]
    public async Task A_submitted_request_stores_its_internal_target_and_explanation_from_the_organisations_settings()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest("BAR"));
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        // Barnet's demo target is 28 calendar days: from Mon 2 Mar 2026, Mon 30 Mar 2026.
        Assert.Equal(new DateOnly(2026, 3, 30), stored.InternalTargetOn);
        Assert.Contains("Internal target (28 calendar days)", stored.DueExplanation, StringComparison.Ordinal);
    }
}
