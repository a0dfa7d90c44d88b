using System.Globalization;

namespace RightsPortal.Domain.Clock;

/// <summary>How dates are written for people: "Friday 27 December 2024" in full, "Fri 27 Dec 2024" in explanations.</summary>
public static class UkDates
{
    // The invariant culture's English day and month names are built into .NET, so every machine writes the same
    // text. The machine's "en-GB" data is not stable: ICU 72 abbreviates September as "Sept" ("Thu 3 Sept 2026").
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    public static string Short(DateOnly date) => date.ToString("ddd d MMM yyyy", English);

    /// <summary>Three-letter month name, as in <see cref="Short"/>: "Feb", "Sep".</summary>
    internal static string ShortMonth(DateOnly date) => date.ToString("MMM", English);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
