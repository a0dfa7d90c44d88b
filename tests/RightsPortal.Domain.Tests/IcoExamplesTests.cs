using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>The ICO's own worked examples (domain rules, section 1), each worked out by hand.</summary>
public class IcoExamplesTests
{
    private readonly StatutoryClock clock = new(HolidayCalendar.EnglandAndWales);

    [Fact]
    public void Received_Monday_25_November_2024_is_due_Friday_27_December_2024()
    {
        // 25 Dec 2024 (Wed) and 26 Dec 2024 (Thu) are bank holidays; Fri 27 Dec is the next working day.
        Assert.Equal(D("2024-12-27"), clock.OneCalendarMonth(D("2024-11-25")).Date);
    }

    [Fact]
    public void Received_on_31_January_is_due_28_February()
    {
        // No 31 Feb 2025: the last day is Fri 28 Feb 2025, a working day.
        Assert.Equal(D("2025-02-28"), clock.OneCalendarMonth(D("2025-01-31")).Date);
    }

    [Fact]
    public void Received_on_31_January_in_a_leap_year_is_due_29_February()
    {
        // 2028 is a leap year: no 31 Feb, so Tue 29 Feb 2028, a working day (no roll).
        Assert.Equal(D("2028-02-29"), clock.OneCalendarMonth(D("2028-01-31")).Date);
    }

    [Fact]
    public void Received_on_31_January_when_28_February_is_a_Saturday_is_due_the_Monday()
    {
        // 28 Feb 2026 is a Saturday: Mon 2 Mar 2026.
        Assert.Equal(D("2026-03-02"), clock.OneCalendarMonth(D("2026-01-31")).Date);
    }

    [Fact]
    public void Received_on_3_September_is_due_3_October()
    {
        // 3 Oct 2025 is a Friday: no roll. (The old "day after receipt" rule would give 4 Oct.)
        Assert.Equal(D("2025-10-03"), clock.OneCalendarMonth(D("2025-09-03")).Date);
    }

    [Fact]
    public void Received_on_3_September_2026_is_due_Monday_5_October_because_3_October_is_a_Saturday()
    {
        Assert.Equal(D("2026-10-05"), clock.OneCalendarMonth(D("2026-09-03")).Date);
    }
}
