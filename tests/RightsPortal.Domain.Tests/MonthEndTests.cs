using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>T3: the same day next month, or that month's last day when the day does not exist; then T4's roll.</summary>
public class MonthEndTests
{
    private readonly StatutoryClock clock = new(HolidayCalendar.EnglandAndWales);

    [Theory]
    // 2025, not a leap year.
    [InlineData("2025-01-29", "2025-02-28")] // no 29 Feb: Fri 28 Feb
    [InlineData("2025-01-30", "2025-02-28")] // no 30 Feb: Fri 28 Feb
    [InlineData("2025-01-31", "2025-02-28")] // no 31 Feb: Fri 28 Feb
    [InlineData("2025-03-31", "2025-04-30")] // no 31 Apr: Wed 30 Apr
    [InlineData("2025-05-31", "2025-06-30")] // no 31 Jun: Mon 30 Jun
    [InlineData("2025-08-31", "2025-09-30")] // no 31 Sep: Tue 30 Sep
    [InlineData("2025-10-31", "2025-12-01")] // no 31 Nov: 30 Nov is a Sunday -> Mon 1 Dec
    // 2026, not a leap year.
    [InlineData("2026-01-29", "2026-03-02")] // no 29 Feb: 28 Feb is a Saturday -> Mon 2 Mar
    [InlineData("2026-01-30", "2026-03-02")] // no 30 Feb: 28 Feb is a Saturday -> Mon 2 Mar
    [InlineData("2026-03-31", "2026-04-30")] // Thu 30 Apr
    [InlineData("2026-05-31", "2026-06-30")] // Tue 30 Jun
    [InlineData("2026-08-31", "2026-09-30")] // Wed 30 Sep
    [InlineData("2026-10-31", "2026-11-30")] // Mon 30 Nov
    // 2027, not a leap year.
    [InlineData("2027-01-30", "2027-03-01")] // no 30 Feb: 28 Feb is a Sunday -> Mon 1 Mar
    // 2024, a leap year.
    [InlineData("2024-01-29", "2024-02-29")] // 29 Feb exists: Thu 29 Feb
    [InlineData("2024-01-30", "2024-02-29")] // no 30 Feb: Thu 29 Feb
    [InlineData("2024-01-31", "2024-02-29")] // no 31 Feb: Thu 29 Feb
    [InlineData("2024-03-31", "2024-04-30")] // Tue 30 Apr
    [InlineData("2024-05-31", "2024-07-01")] // 30 Jun is a Sunday -> Mon 1 Jul
    [InlineData("2024-08-31", "2024-09-30")] // Mon 30 Sep
    [InlineData("2024-10-31", "2024-12-02")] // 30 Nov is a Saturday -> Mon 2 Dec
    // 2028, a leap year.
    [InlineData("2028-01-29", "2028-02-29")] // Tue 29 Feb
    [InlineData("2028-01-30", "2028-02-29")] // no 30 Feb: Tue 29 Feb
    [InlineData("2028-03-31", "2028-05-02")] // 30 Apr is a Sunday, Mon 1 May a bank holiday -> Tue 2 May
    [InlineData("2028-05-31", "2028-06-30")] // Fri 30 Jun
    [InlineData("2028-08-31", "2028-10-02")] // 30 Sep is a Saturday -> Mon 2 Oct
    [InlineData("2028-10-31", "2028-11-30")] // Thu 30 Nov
    public void A_day_missing_from_next_month_clamps_to_its_last_day_then_rolls(string received, string due)
    {
        Assert.Equal(D(due), clock.OneCalendarMonth(D(received)).Date);
    }

    [Theory]
    [InlineData("2025-12-31", "2026-01-31", "2026-02-02")] // 31 Jan 2026 is a Saturday
    [InlineData("2025-07-31", "2025-08-31", "2025-09-01")] // 31 Aug 2025 is a Sunday
    [InlineData("2026-07-31", "2026-08-31", "2026-09-01")] // Mon 31 Aug 2026 is the summer bank holiday
    [InlineData("2024-12-31", "2025-01-31", "2025-01-31")] // Fri 31 Jan 2025
    public void A_31st_followed_by_a_31_day_month_is_due_on_the_31st_not_clamped(string received, string unrolled, string due)
    {
        var result = clock.OneCalendarMonth(D(received));

        Assert.Equal(D(due), result.Date);
        Assert.DoesNotContain(result.Explanation, line => line.Contains("no 31", StringComparison.Ordinal));
        Assert.Contains(result.Explanation, line => line.Contains(Short(D(unrolled)), StringComparison.Ordinal));
    }
}
