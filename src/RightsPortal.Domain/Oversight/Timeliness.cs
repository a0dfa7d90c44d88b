using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Oversight;

/// <summary>Whether a response came in time, and how long it took: the rules every timeliness figure is counted by.</summary>
public static class Timeliness
{
    /// <summary>
    /// A response is on time when it was sent on or before the limit: the limit is the end of that day (T3), so a
    /// response sent on the day itself is on time and one sent the next day is a day late.
    /// </summary>
    public static bool OnTime(DateOnly sentOn, DateOnly limit) => sentOn <= limit;

    /// <summary>Whole calendar days after the limit (0 when on time).</summary>
    public static int DaysLate(DateOnly sentOn, DateOnly limit) => Math.Max(0, sentOn.DayNumber - limit.DayNumber);

    /// <summary>
    /// Days to respond: calendar days from the date received (T1) to the date the response was sent, so a response
    /// sent the day it arrived took 0 days. Counted from receipt, not from a later start date (T2): it is how long the
    /// family waited.
    /// </summary>
    public static int DaysToRespond(DateOnly receivedOn, DateOnly sentOn) => sentOn.DayNumber - receivedOn.DayNumber;

    /// <summary>
    /// Rights whose response has a legal limit that on-time figures measure. A complaint's limit is to acknowledge it
    /// within 30 days, not to answer it, so complaints are counted apart.
    /// </summary>
    public static bool HasResponseLimit(Right right) => right != Right.Complaint;

    /// <summary>A share as a whole percentage, rounded half away from zero (2 of 3 is 67%); none when there is nothing to share.</summary>
    public static int? Percent(int part, int whole) =>
        whole <= 0 ? null : (int)Math.Round(100m * part / whole, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The last day of the next <paramref name="workingDays"/> working days after today, by the organisation's bank
    /// holidays (T4): on Monday, five working days run to the next Monday; on Saturday, to Friday. "Due in the next
    /// five working days" means due from today up to and including this day.
    /// </summary>
    public static DateOnly WorkingDaysAhead(DateOnly today, int workingDays, HolidayCalendar holidays)
    {
        if (workingDays < 0) throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "Count forwards.");
        var day = today;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (holidays.IsWorkingDay(day)) counted++;
        }

        return day;
    }
}
