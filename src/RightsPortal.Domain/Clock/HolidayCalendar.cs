namespace RightsPortal.Domain.Clock;

/// <summary>
/// The bank holidays of one region (England and Wales by default): the statutory and customary rules for any
/// year, with one-off changes by proclamation applied as data.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;

    // The same dates as one bit per day from firstDayNumber, so the clock's hot path (every roll and working-day count)
    // is an array index instead of a hash lookup. Built once per calendar; calendars are immutable.
    private readonly int firstDayNumber;
    private readonly ulong[] bits;

    private HolidayCalendar(string region, IEnumerable<DateOnly> dates)
    {
        Region = region;
        holidays = [.. dates];
        if (holidays.Count == 0)
        {
            bits = [];
            return;
        }

        firstDayNumber = holidays.Min().DayNumber;
        bits = new ulong[((holidays.Max().DayNumber - firstDayNumber) >> 6) + 1];
        foreach (var date in holidays)
        {
            var offset = date.DayNumber - firstDayNumber;
            bits[offset >> 6] |= 1UL << (offset & 63);
        }
    }

    public string Region { get; }

    public bool IsHoliday(DateOnly date)
    {
        var offset = (uint)(date.DayNumber - firstDayNumber);
        var word = offset >> 6;
        return word < (uint)bits.Length && (bits[word] & (1UL << (int)(offset & 63))) != 0;
    }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    public IEnumerable<DateOnly> HolidaysIn(int year) => holidays.Where(d => d.Year == year).Order();

    /// <summary>England and Wales: the rules for 1995 to 2100 plus the known one-off changes.</summary>
    public static HolidayCalendar EnglandAndWales { get; } = BuildEnglandAndWales();

    /// <summary>Scotland: its own rules (2 January, first Monday in August, St Andrew's Day) plus shared one-offs.</summary>
    public static HolidayCalendar Scotland { get; } = BuildRegion("scotland", ScotlandRules);

    /// <summary>Northern Ireland: England and Wales's rules plus St Patrick's Day and the Battle of the Boyne.</summary>
    public static HolidayCalendar NorthernIreland { get; } = BuildRegion("northern-ireland", NorthernIrelandRules);

    public static HolidayCalendar For(HolidayRegion region) => region switch
    {
        HolidayRegion.Scotland => Scotland,
        HolidayRegion.NorthernIreland => NorthernIreland,
        _ => EnglandAndWales,
    };

    /// <summary>
    /// This calendar with a published table (for example an import of the GOV.UK bank-holidays file) taking the place of
    /// the rules for every year the table covers. Years it does not cover keep the rules.
    /// </summary>
    public HolidayCalendar WithPublishedYears(IEnumerable<DateOnly> published)
    {
        var table = published.ToHashSet();
        var years = table.Select(d => d.Year).ToHashSet();
        return new HolidayCalendar(Region, holidays.Where(d => !years.Contains(d.Year)).Concat(table));
    }

    private static HolidayCalendar BuildRegion(string region, Func<int, IEnumerable<DateOnly>> rules)
    {
        var dates = new HashSet<DateOnly>();
        for (var year = 1995; year <= 2100; year++)
        {
            dates.UnionWith(rules(year));
        }

        foreach (var (from, to) in ProclaimedChanges())
        {
            if (from is { } moved) dates.Remove(moved);
            dates.Add(to);
        }

        return new HolidayCalendar(region, dates);
    }

    internal static IEnumerable<DateOnly> ScotlandRules(int year)
    {
        // New Year's Day and 2 January, with substitutes when either falls at a weekend.
        var first = new DateOnly(year, 1, 1);
        var (newYear, second) = first.DayOfWeek switch
        {
            DayOfWeek.Friday => (first, new DateOnly(year, 1, 4)),
            DayOfWeek.Saturday => (new DateOnly(year, 1, 3), new DateOnly(year, 1, 4)),
            DayOfWeek.Sunday => (new DateOnly(year, 1, 2), new DateOnly(year, 1, 3)),
            _ => (first, new DateOnly(year, 1, 2)),
        };
        yield return newYear;
        yield return second;
        yield return EasterSunday(year).AddDays(-2); // Good Friday (no Easter Monday in Scotland)
        yield return FirstMonday(year, 5);
        yield return LastMonday(year, 5);
        yield return FirstMonday(year, 8);
        yield return NextWeekday(new DateOnly(year, 11, 30)); // St Andrew's Day
        foreach (var d in ChristmasAndBoxingDay(year)) yield return d;
    }

    internal static IEnumerable<DateOnly> NorthernIrelandRules(int year)
    {
        foreach (var d in EnglandAndWalesRules(year)) yield return d;
        yield return NextWeekday(new DateOnly(year, 3, 17)); // St Patrick's Day
        yield return NextWeekday(new DateOnly(year, 7, 12)); // Battle of the Boyne
    }

    private static HolidayCalendar BuildEnglandAndWales() => BuildRegion("england-and-wales", EnglandAndWalesRules);

    /// <summary>One-off changes proclaimed for the whole UK: a rule-based holiday moved, or a day added.</summary>
    private static (DateOnly? From, DateOnly To)[] ProclaimedChanges() =>
    [
        (null, new(1999, 12, 31)),                   // Millennium
        (new(2002, 5, 27), new(2002, 6, 4)),         // Golden Jubilee: spring holiday moved
        (null, new(2002, 6, 3)),                     // Golden Jubilee
        (null, new(2011, 4, 29)),                    // Royal wedding
        (new(2012, 5, 28), new(2012, 6, 4)),         // Diamond Jubilee: spring holiday moved
        (null, new(2012, 6, 5)),                     // Diamond Jubilee
        (new(2020, 5, 4), new(2020, 5, 8)),          // VE Day 75: early May holiday moved
        (new(2022, 5, 30), new(2022, 6, 2)),         // Platinum Jubilee: spring holiday moved
        (null, new(2022, 6, 3)),                     // Platinum Jubilee
        (null, new(2022, 9, 19)),                    // State funeral of Queen Elizabeth II
        (null, new(2023, 5, 8)),                     // Coronation of King Charles III
    ];

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

        foreach (var d in ChristmasAndBoxingDay(year)) yield return d;
    }

    /// <summary>Christmas Day and Boxing Day with substitute days when they fall at a weekend.</summary>
    private static DateOnly[] ChristmasAndBoxingDay(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => [christmas, new DateOnly(year, 12, 28)],
            DayOfWeek.Saturday => [new DateOnly(year, 12, 27), new DateOnly(year, 12, 28)],
            DayOfWeek.Sunday => [new DateOnly(year, 12, 26), new DateOnly(year, 12, 27)],
            _ => [christmas, new DateOnly(year, 12, 26)],
        };
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
