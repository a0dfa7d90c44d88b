using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Clock;

/// <summary>
/// The statutory time limits (domain rules, section 1), as the request aggregate uses them. The rules themselves
/// live in <see cref="DeadlineCalculator"/>. Pure: the holiday calendar is given, no clock of its own.
/// </summary>
public sealed class StatutoryClock(HolidayCalendar holidays)
{
    public HolidayCalendar Holidays { get; } = holidays;

    public DeadlineCalculator Calculator { get; } = new(holidays);

    /// <summary>
    /// T3 + T4: one calendar month from the start date (counted as day 1), clamped to the month's last day, rolled
    /// past weekends and bank holidays.
    /// </summary>
    public DueDate OneCalendarMonth(DateOnly received, DateOnly? started = null)
    {
        var (deadline, explanation) = Calculator.Explain(new DeadlineQuestion(Right.Access, received, started));
        return new DueDate(deadline.DueOn, explanation);
    }
}
