using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Admin;
using RightsPortal.Application.Features.Deadlines;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class BankHolidayImportTests
{
    // 2026 as the rules give it, plus an invented one-off on Fri 24 Jul 2026 and without the summer holiday on 31 Aug.
    private const string File2026 = """
        {
          "england-and-wales": { "division": "england-and-wales", "events": [
            { "title": "New Year’s Day", "date": "2026-01-01", "notes": "", "bunting": true },
            { "title": "Good Friday", "date": "2026-04-03", "notes": "", "bunting": false },
            { "title": "Easter Monday", "date": "2026-04-06", "notes": "", "bunting": true },
            { "title": "Early May bank holiday", "date": "2026-05-04", "notes": "", "bunting": true },
            { "title": "Spring bank holiday", "date": "2026-05-25", "notes": "", "bunting": true },
            { "title": "Invented celebration", "date": "2026-07-24", "notes": "", "bunting": true },
            { "title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": true },
            { "title": "Boxing Day", "date": "2026-12-28", "notes": "Substitute day", "bunting": true }
          ] }
        }
        """;

    [Fact]
    public async Task An_import_reports_what_changed_and_the_clock_then_uses_it()
    {
        await using var app = await PortalApp.StartAsync();
        var report = await app.AsAdministrator().SendAsync(new ImportBankHolidaysCommand(File2026));

        var change = Assert.Single(report.Regions);
        Assert.Equal(HolidayRegion.EnglandAndWales, change.Region);
        Assert.Equal([2026], change.Years);
        Assert.Equal([new DateOnly(2026, 7, 24)], change.Added);
        Assert.Equal([new DateOnly(2026, 8, 31)], change.Removed);

        // Received Wed 24 Jun 2026: one month is Fri 24 Jul, now a holiday, so Mon 27 Jul.
        var answer = await app.AsPublic().SendAsync(new CalculateDeadlineQuery(Right.Access, new DateOnly(2026, 6, 24)));
        Assert.Equal(new DateOnly(2026, 7, 27), answer.DueOn);
        // Other years keep the rules: 31 Aug 2027 is not touched, 30 Aug 2027 is still a holiday.
        Assert.Contains(new DateOnly(2027, 8, 30), await app.AsAdministrator().SendAsync(new ListBankHolidaysQuery(HolidayRegion.EnglandAndWales, 2027)));
    }

    [Fact]
    public async Task An_import_recounts_open_requests()
    {
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 6, 24, 9, 0, 0, TimeSpan.Zero));
        await app.SendAsync(app.ValidAccessRequest("STK"));
        await using (var before = app.Db()) Assert.Equal(new DateOnly(2026, 7, 24), (await before.Requests.SingleAsync()).DueOn);

        var report = await app.AsAdministrator().SendAsync(new ImportBankHolidaysCommand(File2026));

        Assert.Equal(1, report.RequestsRecounted);
        await using var after = app.Db();
        Assert.Equal(new DateOnly(2026, 7, 27), (await after.Requests.SingleAsync()).DueOn);
    }

    [Theory]
    [InlineData("not json at all", "could not be read")]
    [InlineData("{}", "no divisions")]
    [InlineData("""{ "wales-only": { "events": [ { "title": "x", "date": "2026-01-01" } ] } }""", "Unknown division")]
    [InlineData("""{ "scotland": { "events": [ { "title": "x", "date": "2026-02-30" } ] } }""", "not a date")]
    [InlineData("""{ "scotland": { "events": [ { "title": "x", "date": "2026-01-03" } ] } }""", "weekend")]
    [InlineData("""{ "scotland": { "events": [ { "title": "", "date": "2026-01-05" } ] } }""", "title")]
    [InlineData("""{ "scotland": { "events": [ { "title": "a", "date": "2026-01-05" }, { "title": "b", "date": "2026-01-05" } ] } }""", "twice")]
    public async Task A_file_that_is_not_right_is_refused_whole_with_the_reason(string json, string reason)
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsAdministrator().SendAsync(new ImportBankHolidaysCommand(json)));
        Assert.Contains(refused.Errors, e => e.ErrorMessage.Contains(reason, StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.Equal(0, await db.PublishedBankHolidays.CountAsync());
    }

    [Fact]
    public async Task Only_an_administrator_may_import()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsDpo("STK").SendAsync(new ImportBankHolidaysCommand(File2026)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new ImportBankHolidaysCommand(File2026)));
    }

    [Fact]
    public async Task A_one_off_holiday_keeps_the_years_other_holidays()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsAdministrator().SendAsync(new AddBankHolidayCommand(HolidayRegion.EnglandAndWales, new DateOnly(2027, 6, 4), "Invented jubilee"));

        var year = await app.SendAsync(new ListBankHolidaysQuery(HolidayRegion.EnglandAndWales, 2027));
        Assert.Equal(
            [new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 6, 4), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28)],
            year);
        await using var db = app.Db();
        var audit = await db.AuditEvents.OrderBy(e => e.Id).LastAsync();
        Assert.Equal("AddBankHolidayCommand", audit.Action);
        Assert.Null(audit.RequestId);
    }

    [Fact]
    public async Task A_one_off_on_an_existing_holiday_or_a_weekend_is_refused()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsAdministrator();
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new AddBankHolidayCommand(HolidayRegion.EnglandAndWales, new DateOnly(2027, 12, 27), "Again")));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddBankHolidayCommand(HolidayRegion.EnglandAndWales, new DateOnly(2027, 6, 5), "Saturday")));
    }
}
