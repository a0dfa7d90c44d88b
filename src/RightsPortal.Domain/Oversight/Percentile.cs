namespace RightsPortal.Domain.Oversight;

/// <summary>
/// Percentiles by the nearest-rank method, so every figure is a value that really occurred: sort the n values
/// ascending and take the one at rank ⌈p × n / 100⌉ (counting from 1). The median is the 50th percentile by the same
/// rule, so with an even count it is the lower of the two middle values (never an average of them); the 90th
/// percentile of 10 values is the 9th smallest. No values, no percentile.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="percent"/>th percentile (1 to 100) of the values.</summary>
    public static int? NearestRank(IEnumerable<int> values, int percent) =>
        NearestRank(values.GroupBy(v => v).Select(g => (g.Key, g.Count())), percent);

    /// <summary>The same, from a histogram of (value, how many times it occurred): what the database returns.</summary>
    public static int? NearestRank(IEnumerable<(int Value, int Count)> histogram, int percent)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is from 1 to 100.");
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Value).ToList();
        long n = 0;
        foreach (var (_, count) in sorted)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(histogram), "A count cannot be negative.");
            n += count;
        }

        if (n == 0) return null;
        var rank = (percent * n + 99) / 100; // ⌈p × n / 100⌉ in whole numbers
        long seen = 0;
        foreach (var (value, count) in sorted)
        {
            seen += count;
            if (seen >= rank) return value;
        }

        return sorted[^1].Value; // unreachable: rank ≤ n
    }

    public static int? Median(IEnumerable<(int Value, int Count)> histogram) => NearestRank(histogram, 50);

    public static int? Median(IEnumerable<int> values) => NearestRank(values, 50);
}
