using System.Globalization;

namespace RightsPortal.Domain.Tests;

/// <summary>Test helpers, written independently of the code under test.</summary>
internal static class Dates
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>"2026-01-31" as a date.</summary>
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The "ddd d MMM yyyy" form used in explanations ("Sat 31 Jan 2026"), built by hand.</summary>
    public static string Short(DateOnly date) =>
        $"{Days[(int)date.DayOfWeek]} {date.Day} {Months[date.Month - 1]} {date.Year}";

    public static IEnumerable<DateOnly> EveryDay(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
