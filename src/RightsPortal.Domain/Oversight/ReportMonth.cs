using System.Globalization;

namespace RightsPortal.Domain.Oversight;

/// <summary>A calendar month that figures are counted in ("2026-03", shown as "Mar 2026").</summary>
public readonly record struct ReportMonth : IComparable<ReportMonth>
{
    public ReportMonth(int year, int month)
    {
        if (year is < 1 or > 9999) throw new DomainRuleException("A month needs a year between 1 and 9999.");
        if (month is < 1 or > 12) throw new DomainRuleException("A month is numbered from 1 (January) to 12 (December).");
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The month a date falls in: every figure is bucketed by the UK calendar date it is counted on.</summary>
    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public ReportMonth AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new ReportMonth(index / 12, index % 12 + 1);
    }

    /// <summary>How many months from this one to <paramref name="later"/> (0 for the same month).</summary>
    public int MonthsUntil(ReportMonth later) => (later.Year * 12 + later.Month) - (Year * 12 + Month);

    public bool Contains(DateOnly date) => date.Year == Year && date.Month == Month;

    /// <summary>"Mar 2026", the label on charts and table columns.</summary>
    public string Label => FirstDay.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2026-03", the form used in addresses and CSV files.</summary>
    public string Iso => $"{Year:D4}-{Month:D2}";

    public override string ToString() => Iso;

    /// <summary>Reads "2026-03" (the form <see cref="Iso"/> writes); anything else is not a month.</summary>
    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        if (year < 1 || number is < 1 or > 12) return false;
        month = new ReportMonth(year, number);
        return true;
    }

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(ReportMonth left, ReportMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportMonth left, ReportMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportMonth left, ReportMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportMonth left, ReportMonth right) => left.CompareTo(right) >= 0;
}
