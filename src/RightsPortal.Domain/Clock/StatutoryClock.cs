namespace RightsPortal.Domain.Clock;

/// <summary>
/// The statutory time limits (domain rules, section 1). Pure: the holiday calendar is given, no clock of its own.
/// </summary>
public sealed class StatutoryClock(HolidayCalendar holidays)
{
    public HolidayCalendar Holidays { get; } = holidays;

    /// <summary>
    /// T3 + T4: one calendar month from the start date (counted as day 1), clamped to the month's last day, rolled
    /// past weekends and bank holidays.
    /// </summary>
    public DueDate OneCalendarMonth(DateOnly received, DateOnly? started = null)
    {
        var lines = new List<string> { $"Received {UkDates.Short(received)}." };
        var start = received;
        if (started is { } s && s > received)
        {
            start = s;
            lines.Add($"The clock started again on {UkDates.Short(start)}, when what was needed to act arrived.");
        }

        var nextMonth = start.AddMonths(1);
        var monthName = UkDates.ShortMonth(nextMonth);
        lines.Add(nextMonth.Day == start.Day
            ? $"One calendar month: {UkDates.Short(nextMonth)}."
            : $"One calendar month: no {start.Day} {monthName}, so {UkDates.Short(nextMonth)}.");

        var due = RollToWorkingDay(nextMonth, lines);
        return new DueDate(due, lines);
    }

    private DateOnly RollToWorkingDay(DateOnly date, List<string> lines)
    {
        var rolled = date;
        var reasons = new List<string>();
        while (!Holidays.IsWorkingDay(rolled))
        {
            reasons.Add(rolled.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                ? $"{rolled.DayOfWeek} is not a working day"
                : $"{UkDates.Short(rolled)} is a bank holiday");
            rolled = rolled.AddDays(1);
        }

        if (reasons.Count > 0)
        {
            lines.Add($"{string.Join("; ", reasons)}: {UkDates.Short(rolled)}.");
        }

        return rolled;
    }
}
