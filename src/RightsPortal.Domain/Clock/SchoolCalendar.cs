namespace RightsPortal.Domain.Clock;

/// <summary>A school's own calendar: its term dates and the INSET (training) days inside them.</summary>
public sealed class SchoolCalendar
{
    private readonly (DateOnly Start, DateOnly End)[] terms;
    private readonly HashSet<DateOnly> insetDays;

    public SchoolCalendar(IEnumerable<(DateOnly Start, DateOnly End)> terms, IEnumerable<DateOnly> insetDays)
    {
        this.terms = [.. terms.OrderBy(t => t.Start)];
        if (this.terms.Length == 0)
        {
            throw new DomainRuleException("A school calendar needs at least one term.");
        }

        foreach (var (start, end) in this.terms)
        {
            if (end < start) throw new DomainRuleException($"A term cannot end ({UkDates.Short(end)}) before it starts ({UkDates.Short(start)}).");
        }

        this.insetDays = [.. insetDays];
    }

    public DateOnly CoversFrom => terms[0].Start;

    public DateOnly CoversTo => terms[^1].End;

    public bool Covers(DateOnly date) => date >= CoversFrom && date <= CoversTo;

    /// <summary>A day pupils attend: inside a term, a weekday, not an INSET day and not a bank holiday.</summary>
    public bool IsSchoolDay(DateOnly date, HolidayCalendar holidays)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || insetDays.Contains(date) || holidays.IsHoliday(date))
        {
            return false;
        }

        foreach (var (start, end) in terms)
        {
            if (date >= start && date <= end) return true;
        }

        return false;
    }
}
