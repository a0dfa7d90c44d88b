using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>T4: a due date on a weekend or bank holiday moves to the next working day; concession days do not.</summary>
public class RollTests
{
    private readonly StatutoryClock clock = new(HolidayCalendar.EnglandAndWales);

    [Fact]
    public void A_due_date_on_a_Saturday_moves_to_the_Monday()
    {
        // Received Sat 28 Feb 2026 -> 28 Mar 2026, a Saturday -> Mon 30 Mar 2026.
        Assert.Equal(D("2026-03-30"), clock.OneCalendarMonth(D("2026-02-28")).Date);
    }

    [Fact]
    public void A_due_date_on_a_Sunday_moves_to_the_Monday()
    {
        // Received Sun 1 Feb 2026 -> 1 Mar 2026, a Sunday -> Mon 2 Mar 2026.
        Assert.Equal(D("2026-03-02"), clock.OneCalendarMonth(D("2026-02-01")).Date);
    }

    [Fact]
    public void A_due_date_on_a_Monday_bank_holiday_moves_to_the_Tuesday()
    {
        // Received Fri 25 Jul 2025 -> Mon 25 Aug 2025, the summer bank holiday -> Tue 26 Aug 2025.
        Assert.Equal(D("2025-08-26"), clock.OneCalendarMonth(D("2025-07-25")).Date);
    }

    [Fact]
    public void A_due_date_on_a_Sunday_before_a_bank_holiday_Monday_moves_to_the_Tuesday()
    {
        // Received Fri 3 Apr 2026 -> Sun 3 May 2026; Mon 4 May is the early May bank holiday -> Tue 5 May 2026.
        Assert.Equal(D("2026-05-05"), clock.OneCalendarMonth(D("2026-04-03")).Date);
    }

    [Fact]
    public void A_due_date_on_Good_Friday_moves_past_the_weekend_and_Easter_Monday()
    {
        // Received Tue 3 Mar 2026 -> Fri 3 Apr 2026 (Good Friday), Sat, Sun, Mon 6 Apr (Easter Monday) -> Tue 7 Apr 2026.
        Assert.Equal(D("2026-04-07"), clock.OneCalendarMonth(D("2026-03-03")).Date);
    }

    [Fact]
    public void A_due_date_on_Christmas_Day_on_a_Friday_moves_past_the_weekend_and_the_substitute_Boxing_Day()
    {
        // Received Wed 25 Nov 2026 -> Fri 25 Dec 2026, Sat, Sun, Mon 28 Dec (Boxing Day substitute) -> Tue 29 Dec 2026.
        Assert.Equal(D("2026-12-29"), clock.OneCalendarMonth(D("2026-11-25")).Date);
    }

    [Fact]
    public void A_due_date_on_a_concession_day_such_as_24_December_does_not_move()
    {
        // Received Mon 24 Nov 2025 -> Wed 24 Dec 2025: a weekday and not a bank holiday, whatever the council does.
        Assert.Equal(D("2025-12-24"), clock.OneCalendarMonth(D("2025-11-24")).Date);
    }

    [Fact]
    public void A_due_date_on_a_working_day_does_not_move_and_is_explained_without_a_roll()
    {
        var result = clock.OneCalendarMonth(D("2025-11-24"));

        Assert.Equal(2, result.Explanation.Count);
        Assert.DoesNotContain(result.Explanation, l => l.Contains("not a working day", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Explanation, l => l.Contains("bank holiday", StringComparison.Ordinal));
    }
}
