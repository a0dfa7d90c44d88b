namespace RightsPortal.Domain.Clock;

/// <summary>
/// The bank holidays of one region (England and Wales by default): the statutory and customary rules for any
/// year, with one-off changes by proclamation applied as data.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;

    private HolidayCalendar(string region, IEnumerable<DateOnly> dates)
    {
        Region = region;
        holidays = [.. dates];
    }

    public string Region { get; }

    public bool IsHoliday(DateOnly date) => holidays.Contains(date);

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    public IEnumerable<DateOnly> HolidaysIn(int year) => holidays.Where(d => d.Year == year).Order();

    /// <summary>England and Wales: the rules for 1995 to 2100 plus the known one-off changes.</summary>
    public static HolidayCalendar EnglandAndWales { get; } = BuildEnglandAndWales();

    private static HolidayCalendar BuildEnglandAndWales()
    {
        var dates = new List<DateOnly>();
        for (var year = 1995; year <= 2100; year++)
        {
            dates.AddRange(EnglandAndWalesRules(year));
        }

        // One-off changes announced by proclamation.
        Move(dates, new DateOnly(2020, 5, 4), new DateOnly(2020, 5, 8));   // VE Day 75
        Move(dates, new DateOnly(2022, 5, 30), new DateOnly(2022, 6, 2));  // Platinum Jubilee: spring holiday moved
        dates.Add(new DateOnly(2022, 6, 3));                                 // Platinum Jubilee
        dates.Add(new DateOnly(2022, 9, 19));                                // State funeral of Queen Elizabeth II
        dates.Add(new DateOnly(2023, 5, 8));                                 // Coronation of King Charles III
        Move(dates, new DateOnly(2012, 5, 28), new DateOnly(2012, 6, 4));  // Diamond Jubilee: spring holiday moved
        dates.Add(new DateOnly(2012, 6, 5));                                 // Diamond Jubilee
        Move(dates, new DateOnly(2002, 5, 27), new DateOnly(2002, 6, 4));  // Golden Jubilee: spring holiday moved
        dates.Add(new DateOnly(2002, 6, 3));                                 // Golden Jubilee
        dates.Add(new DateOnly(2011, 4, 29));                                // Royal wedding
        dates.Add(new DateOnly(1999, 12, 31));                               // Millennium
        return new HolidayCalendar("england-and-wales", dates);
    }

    private static void Move(List<DateOnly> dates, DateOnly from, DateOnly to)
    {
        dates.Remove(from);
        dates.Add(to);
    }

    internal static IEnumerable<DateOnly> EnglandAndWalesRules(int year)
    {
        // New Year's Day, next Monday if it falls at a weekend.
        yield return NextWeekday(new DateOnly(year, 1, 1));

        var easter = EasterSunday(year);
        yield return easter.AddDays(-2); // Good Friday
        yield return easter.AddDays(1);  // Easter Monday

        yield return FirstMonday(year, 5);   // Early May
        yield return LastMonday(year, 5);    // Spring
        yield return LastMonday(year, 8);    // Summer

        // Christmas and Boxing Day with substitutes.
        var christmas = new DateOnly(year, 12, 25);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Friday:
                yield return christmas;
                yield return new DateOnly(year, 12, 28);
                break;
            case DayOfWeek.Saturday:
                yield return new DateOnly(year, 12, 27);
                yield return new DateOnly(year, 12, 28);
                break;
            case DayOfWeek.Sunday:
                yield return new DateOnly(year, 12, 26);
                yield return new DateOnly(year, 12, 27);
                break;
            default:
                yield return christmas;
                yield return new DateOnly(year, 12, 26);
                break;
        }
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(-1);
        return d;
    }

    /// <summary>Western Easter Sunday (the anonymous Gregorian algorithm).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
