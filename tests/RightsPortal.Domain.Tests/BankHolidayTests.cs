using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>Domain rules section 5: England and Wales bank holidays.</summary>
public class BankHolidayTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.EnglandAndWales;

    public static TheoryData<int, string[]> PublishedTable => new()
    {
        // Section 5 of the domain rules, copied date for date.
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
        { 2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"] },
    };

    public static TheoryData<int, string[]> PastYearsWithOneOffs => new()
    {
        // GOV.UK published lists for the years with proclaimed changes.
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
    };

    [Theory]
    [MemberData(nameof(PublishedTable))]
    public void The_holidays_for_2024_to_2028_are_exactly_the_published_table(int year, string[] expected)
    {
        Assert.Equal(expected.Select(D), Calendar.HolidaysIn(year));
    }

    [Theory]
    [MemberData(nameof(PublishedTable))]
    public void The_rules_alone_give_the_published_table_for_years_without_one_offs(int year, string[] expected)
    {
        Assert.Equal(expected.Select(D), HolidayCalendar.EnglandAndWalesRules(year).Order());
    }

    [Theory]
    [MemberData(nameof(PastYearsWithOneOffs))]
    public void The_holidays_for_2020_to_2023_include_the_proclaimed_changes(int year, string[] expected)
    {
        Assert.Equal(expected.Select(D), Calendar.HolidaysIn(year));
    }

    [Fact]
    public void Early_May_2020_moved_from_Monday_4_May_to_Friday_8_May()
    {
        Assert.True(Calendar.IsHoliday(D("2020-05-08")));
        Assert.False(Calendar.IsHoliday(D("2020-05-04")));
        Assert.True(Calendar.IsWorkingDay(D("2020-05-04")));
    }

    [Fact]
    public void The_2022_spring_holiday_moved_to_2_June_and_3_June_was_added_for_the_Jubilee()
    {
        Assert.True(Calendar.IsHoliday(D("2022-06-02")));
        Assert.True(Calendar.IsHoliday(D("2022-06-03")));
        Assert.False(Calendar.IsHoliday(D("2022-05-30")));
        Assert.True(Calendar.IsWorkingDay(D("2022-05-30")));
    }

    [Fact]
    public void The_state_funeral_on_19_September_2022_was_a_bank_holiday()
    {
        Assert.True(Calendar.IsHoliday(D("2022-09-19")));
        Assert.False(Calendar.IsWorkingDay(D("2022-09-19")));
    }

    [Fact]
    public void The_coronation_on_8_May_2023_was_an_extra_bank_holiday_beside_the_early_May_one()
    {
        Assert.True(Calendar.IsHoliday(D("2023-05-08")));
        Assert.True(Calendar.IsHoliday(D("2023-05-01")));
    }

    [Fact]
    public void Christmas_on_a_Friday_moves_Boxing_Day_to_Monday_28_December()
    {
        Assert.Equal(DayOfWeek.Friday, D("2020-12-25").DayOfWeek);

        Assert.True(Calendar.IsHoliday(D("2020-12-25")));
        Assert.False(Calendar.IsHoliday(D("2020-12-26")));
        Assert.True(Calendar.IsHoliday(D("2020-12-28")));
        Assert.Equal(
            [D("2020-12-25"), D("2020-12-28")],
            HolidayCalendar.EnglandAndWalesRules(2020).Where(d => d.Month == 12).Order());
    }

    [Fact]
    public void Christmas_on_a_Saturday_gives_Monday_27_and_Tuesday_28_December()
    {
        Assert.Equal(DayOfWeek.Saturday, D("2021-12-25").DayOfWeek);

        Assert.False(Calendar.IsHoliday(D("2021-12-25")));
        Assert.False(Calendar.IsHoliday(D("2021-12-26")));
        Assert.Equal(
            [D("2021-12-27"), D("2021-12-28")],
            HolidayCalendar.EnglandAndWalesRules(2021).Where(d => d.Month == 12).Order());
    }

    [Fact]
    public void Christmas_on_a_Sunday_gives_Monday_26_and_Tuesday_27_December()
    {
        Assert.Equal(DayOfWeek.Sunday, D("2022-12-25").DayOfWeek);

        Assert.False(Calendar.IsHoliday(D("2022-12-25")));
        Assert.False(Calendar.IsHoliday(D("2022-12-28")));
        Assert.Equal(
            [D("2022-12-26"), D("2022-12-27")],
            HolidayCalendar.EnglandAndWalesRules(2022).Where(d => d.Month == 12).Order());
    }

    [Fact]
    public void Christmas_on_a_weekday_other_than_Friday_keeps_25_and_26_December()
    {
        Assert.Equal(DayOfWeek.Thursday, D("2025-12-25").DayOfWeek);

        Assert.Equal(
            [D("2025-12-25"), D("2025-12-26")],
            HolidayCalendar.EnglandAndWalesRules(2025).Where(d => d.Month == 12).Order());
    }

    [Theory]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2038, "2038-04-25")] // latest possible date
    [InlineData(2285, "2285-03-22")] // earliest possible date
    public void Easter_Sunday_falls_on_the_known_date(int year, string easter)
    {
        var sunday = HolidayCalendar.EasterSunday(year);

        Assert.Equal(D(easter), sunday);
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
    }

    [Fact]
    public void Every_year_has_Good_Friday_and_Easter_Monday_around_Easter_Sunday()
    {
        for (var year = 1995; year <= 2100; year++)
        {
            var easter = HolidayCalendar.EasterSunday(year);
            Assert.True(Calendar.IsHoliday(easter.AddDays(-2)), $"Good Friday {year}");
            Assert.True(Calendar.IsHoliday(easter.AddDays(1)), $"Easter Monday {year}");
            Assert.False(Calendar.IsHoliday(easter.AddDays(-1)), $"Holy Saturday {year}");
        }
    }

    [Fact]
    public void No_bank_holiday_falls_on_a_weekend()
    {
        for (var year = 1995; year <= 2100; year++)
        {
            Assert.All(Calendar.HolidaysIn(year), d => Assert.True(
                d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{d:yyyy-MM-dd} is a weekend"));
        }
    }

    [Fact]
    public void Weekends_are_not_working_days_and_ordinary_weekdays_are()
    {
        Assert.False(Calendar.IsWorkingDay(D("2026-01-31"))); // Saturday
        Assert.False(Calendar.IsWorkingDay(D("2026-02-01"))); // Sunday
        Assert.True(Calendar.IsWorkingDay(D("2026-02-02")));  // Monday
        Assert.False(Calendar.IsWorkingDay(D("2026-04-03"))); // Good Friday
    }
}
