using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>The one-calendar-month rule (T3 + T4) as these tests ask it: a thin view over the real DeadlineCalculator.</summary>
internal sealed class StatutoryClock(HolidayCalendar holidays)
{
    public HolidayCalendar Holidays { get; } = holidays;

    public DeadlineCalculator Calculator { get; } = new(holidays);

    public DueDate OneCalendarMonth(DateOnly received, DateOnly? started = null)
    {
        var (deadline, explanation) = Calculator.Explain(new DeadlineQuestion(Right.Access, received, started));
        return new DueDate(deadline.DueOn, explanation);
    }
}

/// <summary>A due date with the plain-English reasons for it.</summary>
internal sealed record DueDate(DateOnly Date, IReadOnlyList<string> Explanation);
