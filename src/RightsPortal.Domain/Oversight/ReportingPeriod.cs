using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Oversight;

/// <summary>
/// The months a set of figures covers, from the first day of <see cref="From"/> to the last day of <see cref="To"/>,
/// or to today when <see cref="To"/> is the current month (figures never count days that have not happened yet).
/// </summary>
public sealed record ReportingPeriod
{
    /// <summary>The longest period the dashboard counts at once: three years of months.</summary>
    public const int MaxMonths = 36;

    /// <summary>The default: the last twelve months, this month included.</summary>
    public const int DefaultMonths = 12;

    private ReportingPeriod(ReportMonth from, ReportMonth to, DateOnly today)
    {
        From = from;
        To = to;
        StartOn = from.FirstDay;
        EndOn = to.Contains(today) ? today : to.LastDay;
        var months = new List<ReportMonth>(from.MonthsUntil(to) + 1);
        for (var m = from; m <= to; m = m.AddMonths(1)) months.Add(m);
        Months = months;
    }

    public ReportMonth From { get; }

    public ReportMonth To { get; }

    /// <summary>The first day counted.</summary>
    public DateOnly StartOn { get; }

    /// <summary>The last day counted: the last day of <see cref="To"/>, or today if that is sooner.</summary>
    public DateOnly EndOn { get; }

    /// <summary>Every month of the period, oldest first.</summary>
    public IReadOnlyList<ReportMonth> Months { get; }

    /// <summary>A period from <paramref name="from"/> to <paramref name="to"/>, both whole months, ending no later than this month.</summary>
    public static ReportingPeriod Create(ReportMonth from, ReportMonth to, DateOnly today)
    {
        if (to < from) throw new DomainRuleException("The period must end in the same month it starts or later.");
        if (to > ReportMonth.Of(today)) throw new DomainRuleException($"The period cannot end after this month ({ReportMonth.Of(today).Label}): there are no figures for the future yet.");
        if (from.MonthsUntil(to) + 1 > MaxMonths) throw new DomainRuleException($"Choose at most {MaxMonths} months at a time.");
        return new ReportingPeriod(from, to, today);
    }

    /// <summary>The last twelve months, ending today: this month so far and the eleven before it.</summary>
    public static ReportingPeriod LastTwelveMonths(DateOnly today)
    {
        var to = ReportMonth.Of(today);
        return new ReportingPeriod(to.AddMonths(-(DefaultMonths - 1)), to, today);
    }

    public bool Contains(DateOnly date) => date >= StartOn && date <= EndOn;

    /// <summary>Where a date's month sits in <see cref="Months"/>, or -1 outside the period.</summary>
    public int IndexOf(DateOnly date) => Contains(date) ? From.MonthsUntil(ReportMonth.Of(date)) : -1;

    /// <summary>"Dec 2025 to Nov 2026 (to Mon 23 Nov 2026)": the period as a heading or caption says it.</summary>
    public string Describe() =>
        (From == To ? From.Label : $"{From.Label} to {To.Label}") + (EndOn < To.LastDay ? $" (to {UkDates.Short(EndOn)})" : "");
}
