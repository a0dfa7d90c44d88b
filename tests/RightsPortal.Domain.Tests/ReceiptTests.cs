using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>T1 and T2: the clock counts from the day of receipt (even a weekend or holiday), restarted by what arrives later.</summary>
public class ReceiptTests
{
    private readonly StatutoryClock clock = new(HolidayCalendar.EnglandAndWales);

    [Fact]
    public void Received_on_a_Saturday_still_counts_from_that_Saturday()
    {
        // Sat 31 Jan 2026 -> no 31 Feb -> Sat 28 Feb 2026 -> Mon 2 Mar 2026.
        // (Counting from Mon 2 Feb instead would give Mon 2 Mar too, so the Sunday case below pins it down.)
        Assert.Equal(D("2026-03-02"), clock.OneCalendarMonth(D("2026-01-31")).Date);
    }

    [Fact]
    public void Received_on_a_Sunday_still_counts_from_that_Sunday()
    {
        // Sun 1 Mar 2026 -> Wed 1 Apr 2026 (counting from Mon 2 Mar would give Thu 2 Apr).
        Assert.Equal(D("2026-04-01"), clock.OneCalendarMonth(D("2026-03-01")).Date);
    }

    [Fact]
    public void Received_on_a_bank_holiday_still_counts_from_that_day()
    {
        // Mon 25 Aug 2025 (summer bank holiday) -> Thu 25 Sep 2025 (counting from Tue 26 Aug would give 26 Sep).
        Assert.Equal(D("2025-09-25"), clock.OneCalendarMonth(D("2025-08-25")).Date);
    }

    [Fact]
    public void Received_on_Christmas_Day_still_counts_from_Christmas_Day()
    {
        // Thu 25 Dec 2025 -> Sun 25 Jan 2026 -> Mon 26 Jan 2026 (counting from Mon 29 Dec would give Thu 29 Jan).
        Assert.Equal(D("2026-01-26"), clock.OneCalendarMonth(D("2025-12-25")).Date);
    }

    [Fact]
    public void Started_later_than_received_restarts_the_clock_from_the_start_date()
    {
        // Received Mon 1 Jun 2026 would be due Wed 1 Jul; ID arrived Wed 10 Jun -> due Fri 10 Jul 2026.
        var result = clock.OneCalendarMonth(D("2026-06-01"), started: D("2026-06-10"));

        Assert.Equal(D("2026-07-10"), result.Date);
        Assert.Contains(result.Explanation, l => l.Contains(Short(D("2026-06-10")), StringComparison.Ordinal));
    }

    [Fact]
    public void Started_later_than_received_is_itself_clamped_and_rolled()
    {
        // Received Thu 15 Jan 2026, authority arrived Sat 31 Jan 2026 -> Sat 28 Feb 2026 -> Mon 2 Mar 2026.
        Assert.Equal(D("2026-03-02"), clock.OneCalendarMonth(D("2026-01-15"), started: D("2026-01-31")).Date);
    }

    [Fact]
    public void Started_earlier_than_received_is_ignored()
    {
        // Received Wed 10 Jun 2026 -> Fri 10 Jul 2026; a start date of 1 Jun cannot bring it forward to 1 Jul.
        var result = clock.OneCalendarMonth(D("2026-06-10"), started: D("2026-06-01"));

        Assert.Equal(D("2026-07-10"), result.Date);
        Assert.Equal(clock.OneCalendarMonth(D("2026-06-10")).Explanation, result.Explanation);
    }

    [Fact]
    public void Started_on_the_received_date_changes_nothing()
    {
        var result = clock.OneCalendarMonth(D("2026-06-10"), started: D("2026-06-10"));

        Assert.Equal(D("2026-07-10"), result.Date);
        Assert.Equal(clock.OneCalendarMonth(D("2026-06-10")).Explanation, result.Explanation);
    }
}
