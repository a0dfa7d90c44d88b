using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>Properties that must hold for every receipt date from 2024 to 2030.</summary>
public class InvariantTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.EnglandAndWales;
    private readonly StatutoryClock clock = new(Calendar);

    private static IEnumerable<DateOnly> Range => EveryDay(D("2024-01-01"), D("2030-12-31"));

    private static bool IsWorkingDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Calendar.IsHoliday(d);

    [Fact]
    public void The_due_date_is_always_a_working_day()
    {
        foreach (var received in Range)
        {
            var due = clock.OneCalendarMonth(received).Date;
            Assert.True(IsWorkingDay(due), $"received {received:yyyy-MM-dd}: due {due:yyyy-MM-dd} is not a working day");
        }
    }

    [Fact]
    public void The_due_date_is_never_earlier_than_28_days_after_receipt()
    {
        foreach (var received in Range)
        {
            var due = clock.OneCalendarMonth(received).Date;
            Assert.True(due >= received.AddDays(28), $"received {received:yyyy-MM-dd}: due {due:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void A_later_receipt_never_gives_an_earlier_due_date()
    {
        var previous = clock.OneCalendarMonth(D("2023-12-31")).Date;
        foreach (var received in Range)
        {
            var due = clock.OneCalendarMonth(received).Date;
            Assert.True(due >= previous, $"received {received:yyyy-MM-dd}: due {due:yyyy-MM-dd} before {previous:yyyy-MM-dd}");
            previous = due;
        }
    }

    [Fact]
    public void The_due_date_is_the_first_working_day_on_or_after_the_same_day_next_month_or_its_last_day()
    {
        foreach (var received in Range)
        {
            // T3 worked from first principles: next month's year and month, then the day or the month's last day.
            var year = received.Month == 12 ? received.Year + 1 : received.Year;
            var month = received.Month == 12 ? 1 : received.Month + 1;
            var day = Math.Min(received.Day, DateTime.DaysInMonth(year, month));
            var expected = new DateOnly(year, month, day);

            // T4: roll one day at a time to the next working day.
            while (!IsWorkingDay(expected))
            {
                expected = expected.AddDays(1);
            }

            Assert.Equal(expected, clock.OneCalendarMonth(received).Date);
        }
    }

    [Fact]
    public void A_roll_never_takes_more_than_four_days()
    {
        // The longest run of non-working days in England and Wales is four (e.g. Good Friday to Easter Monday).
        foreach (var received in Range)
        {
            var result = clock.OneCalendarMonth(received);
            var unrolledLatest = received.AddMonths(1);
            Assert.True(result.Date.DayNumber - unrolledLatest.DayNumber <= 4, $"received {received:yyyy-MM-dd}");
        }
    }
}
