using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Deadlines;
using RightsPortal.Application.Features.Settings;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class ClockSettingsTests
{
    [Fact]
    public async Task A_DPO_changes_the_internal_target_and_open_requests_are_recounted()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest("STK"));

        // 10 calendar days from Mon 2 Mar 2026: Thu 12 Mar 2026.
        var recounted = await app.AsDpo("STK").SendAsync(new UpdateClockSettingsCommand(HolidayRegion.EnglandAndWales, PauseReading.Statutory, ComplaintReading.Statutory, 10, false));

        Assert.Equal(1, recounted);
        await using var db = app.Db();
        Assert.Equal(new DateOnly(2026, 3, 12), (await db.Requests.SingleAsync()).InternalTargetOn);
        var view = await app.SendAsync(new GetClockSettingsQuery());
        Assert.Equal(10, view.InternalTargetDays);
        Assert.False(view.InternalTargetInWorkingDays);
    }

    [Fact]
    public async Task The_ICO_pause_reading_becomes_the_organisations_default()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("BAR").SendAsync(new UpdateClockSettingsCommand(HolidayRegion.EnglandAndWales, PauseReading.Ico, ComplaintReading.Statutory, null, true));
        var answer = await app.AsPublic().SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 3, 2),
            Pauses: [new ClarificationPause(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 9))], OrganisationCode: "BAR"));
        Assert.Equal(4, answer.PausedDays);
        Assert.Null(answer.InternalTargetOn);
    }

    [Fact]
    public async Task Settings_change_only_the_DPOs_own_organisation_and_only_a_DPO_may()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("BAR").SendAsync(new UpdateClockSettingsCommand(HolidayRegion.Scotland, PauseReading.Statutory, ComplaintReading.Statutory, null, true));
        await using (var db = app.Db())
        {
            Assert.Equal(HolidayRegion.Scotland, (await db.Organisations.SingleAsync(o => o.Code == "BAR")).HolidayRegion);
            Assert.Equal(HolidayRegion.EnglandAndWales, (await db.Organisations.SingleAsync(o => o.Code == "STK")).HolidayRegion);
        }

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new UpdateClockSettingsCommand(HolidayRegion.Scotland, PauseReading.Statutory, ComplaintReading.Statutory, null, true)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new GetClockSettingsQuery()));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(31, false)]
    [InlineData(21, true)]
    public async Task An_internal_target_that_could_pass_the_legal_limit_is_refused(int days, bool workingDays)
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ValidationException>(() => app.AsDpo("STK").SendAsync(new UpdateClockSettingsCommand(HolidayRegion.EnglandAndWales, PauseReading.Statutory, ComplaintReading.Statutory, days, workingDays)));
    }

    [Fact]
    public async Task A_school_adds_a_term_and_an_INSET_day_and_the_school_day_count_follows()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsDpo("HHJ");
        // The demo calendar ends on 21 Jul 2027; a request on 12 Jul 2027 cannot be counted until the next term is in.
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2027, 7, 12), OrganisationCode: "HHJ")));

        await app.SendAsync(new AddSchoolTermCommand("Autumn 2027 (first half)", new DateOnly(2027, 9, 2), new DateOnly(2027, 10, 22)));
        // 13-16 Jul and 19-21 Jul are 7 school days; then Thu 2 Sep onwards: the 15th is Mon 13 Sep 2027.
        var before = await app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2027, 7, 12), OrganisationCode: "HHJ"));
        Assert.Equal(new DateOnly(2027, 9, 13), before.DueOn);

        Assert.True(await app.SendAsync(new ToggleInsetDayCommand(new DateOnly(2027, 9, 2))));
        var after = await app.SendAsync(new CalculateDeadlineQuery(Right.EducationalRecord, new DateOnly(2027, 7, 12), OrganisationCode: "HHJ"));
        Assert.Equal(new DateOnly(2027, 9, 14), after.DueOn);

        Assert.False(await app.SendAsync(new ToggleInsetDayCommand(new DateOnly(2027, 9, 2))));
    }

    [Fact]
    public async Task Overlapping_terms_INSET_days_outside_term_and_backwards_terms_are_refused()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsDpo("HHJ");
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new AddSchoolTermCommand("Clash", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31))));
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ToggleInsetDayCommand(new DateOnly(2026, 8, 10))));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddSchoolTermCommand("Backwards", new DateOnly(2027, 10, 1), new DateOnly(2027, 9, 1))));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddSchoolTermCommand("", new DateOnly(2027, 9, 1), new DateOnly(2027, 10, 1))));
    }

    [Fact]
    public async Task A_term_of_another_organisation_cannot_be_removed()
    {
        await using var app = await PortalApp.StartAsync();
        var hhjTerm = (await app.AsDpo("HHJ").SendAsync(new GetClockSettingsQuery())).Terms[0].Id;
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("STK").SendAsync(new RemoveSchoolTermCommand(hhjTerm)));
        await app.AsDpo("HHJ").SendAsync(new RemoveSchoolTermCommand(hhjTerm));
        Assert.DoesNotContain((await app.SendAsync(new GetClockSettingsQuery())).Terms, t => t.Id == hhjTerm);
    }
}
