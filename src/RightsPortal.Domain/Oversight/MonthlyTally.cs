namespace RightsPortal.Domain.Oversight;

/// <summary>
/// Counts bucketed into the months of a period by the date each one is counted on; a date outside the period is
/// not counted (so a query may safely return a little more than the period).
/// </summary>
public sealed class MonthlyTally(ReportingPeriod period)
{
    private readonly int[] counts = new int[period.Months.Count];

    public ReportingPeriod Period { get; } = period;

    public void Add(DateOnly countedOn, int count = 1)
    {
        var index = Period.IndexOf(countedOn);
        if (index >= 0) counts[index] += count;
    }

    /// <summary>One count per month of the period, oldest first.</summary>
    public IReadOnlyList<int> ByMonth => counts;

    public int Total => counts.Sum();
}

/// <summary>
/// A distribution of whole numbers (days to respond) per month of a period, kept as a histogram so a month's median
/// and 90th percentile come straight from the counts the database returns (see <see cref="Percentile"/>).
/// </summary>
public sealed class MonthlyDistribution(ReportingPeriod period)
{
    private readonly Dictionary<int, int>[] months = [.. period.Months.Select(_ => new Dictionary<int, int>())];

    public ReportingPeriod Period { get; } = period;

    public void Add(DateOnly countedOn, int value, int count = 1)
    {
        var index = Period.IndexOf(countedOn);
        if (index < 0 || count == 0) return;
        months[index][value] = months[index].GetValueOrDefault(value) + count;
    }

    public int? Percentile(int monthIndex, int percent) =>
        Oversight.Percentile.NearestRank(months[monthIndex].Select(kv => (kv.Key, kv.Value)), percent);

    /// <summary>The percentile over the whole period: every month's values together, not an average of monthly figures.</summary>
    public int? PercentileOverall(int percent) =>
        Oversight.Percentile.NearestRank(months.SelectMany(m => m).GroupBy(kv => kv.Key).Select(g => (g.Key, g.Sum(kv => kv.Value))), percent);
}
