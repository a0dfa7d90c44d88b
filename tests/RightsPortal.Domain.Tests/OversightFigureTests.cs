using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>The pure arithmetic behind the DPO's figures: percentiles, on-time, months and the five-working-day horizon.</summary>
public class OversightFigureTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        // Sorted: 3 5 [9] 20 31 -> rank ceil(50% x 5) = 3 -> 9.
        Assert.Equal(9, Percentile.Median([31, 3, 9, 20, 5]));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_lower_middle_value_never_an_average()
    {
        // Sorted: 10 [20] 30 40 -> rank ceil(50% x 4) = 2 -> 20 (an average would say 25, a value that never occurred).
        Assert.Equal(20, Percentile.Median([40, 10, 30, 20]));
    }

    [Fact]
    public void The_90th_percentile_of_ten_values_is_the_ninth_smallest()
    {
        // 1..10 -> rank ceil(90% x 10) = 9 -> 9.
        Assert.Equal(9, Percentile.NearestRank(Enumerable.Range(1, 10), 90));
    }

    [Fact]
    public void The_90th_percentile_of_eleven_values_rounds_the_rank_up()
    {
        // 1..11 -> 90% x 11 = 9.9 -> rank 10 -> 10.
        Assert.Equal(10, Percentile.NearestRank(Enumerable.Range(1, 11), 90));
    }

    [Fact]
    public void One_value_is_every_percentile()
    {
        Assert.Equal(7, Percentile.NearestRank([7], 1));
        Assert.Equal(7, Percentile.Median([7]));
        Assert.Equal(7, Percentile.NearestRank([7], 100));
    }

    [Fact]
    public void No_values_have_no_percentile()
    {
        Assert.Null(Percentile.Median(Array.Empty<int>()));
        Assert.Null(Percentile.NearestRank(Array.Empty<(int, int)>(), 90));
        Assert.Null(Percentile.NearestRank([(5, 0)], 90));
    }

    [Fact]
    public void A_histogram_gives_the_same_percentiles_as_the_values_it_counts()
    {
        // 2 x 10 days, 5 x 20, 3 x 40 = 10 values: 10 10 20 20 20 20 20 40 40 40.
        // Median: rank 5 -> 20. 90th: rank 9 -> 40. 20th: rank 2 -> 10. 70th: rank 7 -> 20. 71st: rank ceil(7.1) = 8 -> 40.
        (int, int)[] histogram = [(40, 3), (10, 2), (20, 5)];
        int[] values = [10, 10, 20, 20, 20, 20, 20, 40, 40, 40];
        foreach (var p in new[] { 20, 50, 70, 71, 90, 100 })
        {
            Assert.Equal(Percentile.NearestRank(values, p), Percentile.NearestRank(histogram, p));
        }

        Assert.Equal(20, Percentile.Median(histogram));
        Assert.Equal(40, Percentile.NearestRank(histogram, 90));
        Assert.Equal(10, Percentile.NearestRank(histogram, 20));
        Assert.Equal(20, Percentile.NearestRank(histogram, 70));
        Assert.Equal(40, Percentile.NearestRank(histogram, 71));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_percentile_outside_1_to_100_is_refused(int percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank([1, 2, 3], percent));
    }

    [Fact]
    public void A_response_sent_on_the_legal_limit_is_on_time_and_the_next_day_is_a_day_late()
    {
        var limit = D("2026-04-02");
        Assert.True(Timeliness.OnTime(D("2026-04-01"), limit));
        Assert.True(Timeliness.OnTime(limit, limit));
        Assert.False(Timeliness.OnTime(D("2026-04-03"), limit));
        Assert.Equal(0, Timeliness.DaysLate(limit, limit));
        Assert.Equal(1, Timeliness.DaysLate(D("2026-04-03"), limit));
        Assert.Equal(0, Timeliness.DaysLate(D("2026-03-20"), limit));
    }

    [Fact]
    public void Days_to_respond_are_calendar_days_from_received_to_sent()
    {
        Assert.Equal(0, Timeliness.DaysToRespond(D("2026-03-02"), D("2026-03-02")));
        Assert.Equal(31, Timeliness.DaysToRespond(D("2026-03-02"), D("2026-04-02")));
        Assert.Equal(29, Timeliness.DaysToRespond(D("2024-02-01"), D("2024-03-01"))); // a leap February
    }

    [Fact]
    public void Complaints_are_the_one_right_without_a_response_limit()
    {
        Assert.All(Enum.GetValues<Right>(), r => Assert.Equal(r != Right.Complaint, Timeliness.HasResponseLimit(r)));
    }

    [Fact]
    public void Percentages_are_whole_and_rounded_half_away_from_zero_and_absent_for_nothing()
    {
        Assert.Equal(67, Timeliness.Percent(2, 3));
        Assert.Equal(33, Timeliness.Percent(1, 3));
        Assert.Equal(13, Timeliness.Percent(1, 8)); // 12.5 -> 13
        Assert.Equal(100, Timeliness.Percent(4, 4));
        Assert.Equal(0, Timeliness.Percent(0, 4));
        Assert.Null(Timeliness.Percent(0, 0));
    }

    [Fact]
    public void Five_working_days_from_a_Monday_run_to_the_next_Monday()
    {
        Assert.Equal(D("2026-03-09"), Timeliness.WorkingDaysAhead(D("2026-03-02"), 5, HolidayCalendar.EnglandAndWales));
    }

    [Fact]
    public void Five_working_days_from_a_Saturday_run_to_the_Friday()
    {
        Assert.Equal(D("2026-03-13"), Timeliness.WorkingDaysAhead(D("2026-03-07"), 5, HolidayCalendar.EnglandAndWales));
    }

    [Fact]
    public void Five_working_days_skip_the_Easter_bank_holidays()
    {
        // Thu 2 Apr 2026 -> Fri 3 Apr is Good Friday, Mon 6 Apr Easter Monday: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
        Assert.Equal(D("2026-04-13"), Timeliness.WorkingDaysAhead(D("2026-04-02"), 5, HolidayCalendar.EnglandAndWales));
    }

    [Fact]
    public void Five_working_days_follow_the_organisations_own_region()
    {
        // Scotland has 2 January 2026 (Fri) as a holiday; England and Wales does not.
        Assert.Equal(D("2026-01-08"), Timeliness.WorkingDaysAhead(D("2026-01-01"), 5, HolidayCalendar.EnglandAndWales));
        Assert.Equal(D("2026-01-09"), Timeliness.WorkingDaysAhead(D("2026-01-01"), 5, HolidayCalendar.Scotland));
    }

    [Fact]
    public void The_default_period_is_this_month_and_the_eleven_before_it_ending_today()
    {
        var period = ReportingPeriod.LastTwelveMonths(D("2026-11-23"));
        Assert.Equal(new ReportMonth(2025, 12), period.From);
        Assert.Equal(new ReportMonth(2026, 11), period.To);
        Assert.Equal(D("2025-12-01"), period.StartOn);
        Assert.Equal(D("2026-11-23"), period.EndOn);
        Assert.Equal(12, period.Months.Count);
        Assert.Equal("Dec 2025", period.Months[0].Label);
        Assert.Equal("Nov 2026", period.Months[^1].Label);
        Assert.Equal("Dec 2025 to Nov 2026 (to Mon 23 Nov 2026)", period.Describe());
    }

    [Fact]
    public void A_past_period_ends_on_its_last_month_end()
    {
        var period = ReportingPeriod.Create(new ReportMonth(2024, 1), new ReportMonth(2024, 2), D("2026-03-02"));
        Assert.Equal(D("2024-01-01"), period.StartOn);
        Assert.Equal(D("2024-02-29"), period.EndOn);
        Assert.Equal("Jan 2024 to Feb 2024", period.Describe());
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_or_in_the_future_or_is_too_long_is_refused()
    {
        var today = D("2026-03-02");
        Assert.Throws<DomainRuleException>(() => ReportingPeriod.Create(new ReportMonth(2026, 2), new ReportMonth(2026, 1), today));
        Assert.Throws<DomainRuleException>(() => ReportingPeriod.Create(new ReportMonth(2026, 3), new ReportMonth(2026, 4), today));
        Assert.Throws<DomainRuleException>(() => ReportingPeriod.Create(new ReportMonth(2023, 3), new ReportMonth(2026, 3), today)); // 37 months
        Assert.Equal(36, ReportingPeriod.Create(new ReportMonth(2023, 4), new ReportMonth(2026, 3), today).Months.Count);
    }

    [Fact]
    public void Counts_are_bucketed_by_the_month_of_their_date_and_dates_outside_the_period_are_not_counted()
    {
        // Period Jan-Mar 2026 to Mon 2 Mar: 31 Dec (before) and 3 Mar (after today) are dropped.
        var period = ReportingPeriod.Create(new ReportMonth(2026, 1), new ReportMonth(2026, 3), D("2026-03-02"));
        var tally = new MonthlyTally(period);
        tally.Add(D("2025-12-31"));
        tally.Add(D("2026-01-01"));
        tally.Add(D("2026-01-31"), 2);
        tally.Add(D("2026-02-28"));
        tally.Add(D("2026-03-02"));
        tally.Add(D("2026-03-03"));
        Assert.Equal([3, 1, 1], tally.ByMonth);
        Assert.Equal(5, tally.Total);
    }

    [Fact]
    public void A_months_percentile_and_the_whole_periods_come_from_their_own_values()
    {
        // January: 10, 20, 30 -> median 20. February: 40 -> 40. Whole period: 10 20 30 40 -> median rank 2 -> 20, 90th rank 4 -> 40.
        var period = ReportingPeriod.Create(new ReportMonth(2026, 1), new ReportMonth(2026, 3), D("2026-03-02"));
        var days = new MonthlyDistribution(period);
        days.Add(D("2026-01-05"), 10);
        days.Add(D("2026-01-06"), 20);
        days.Add(D("2026-01-07"), 30);
        days.Add(D("2026-02-01"), 40);
        days.Add(D("2025-12-01"), 99); // outside: not counted
        Assert.Equal(20, days.Percentile(0, 50));
        Assert.Equal(40, days.Percentile(1, 50));
        Assert.Null(days.Percentile(2, 50));
        Assert.Equal(20, days.PercentileOverall(50));
        Assert.Equal(40, days.PercentileOverall(90));
    }

    [Theory]
    [InlineData("2026-03", 2026, 3)]
    [InlineData("1999-12", 1999, 12)]
    public void A_month_reads_and_writes_as_year_dash_month(string text, int year, int month)
    {
        Assert.True(ReportMonth.TryParse(text, out var parsed));
        Assert.Equal(new ReportMonth(year, month), parsed);
        Assert.Equal(text, parsed.Iso);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-3")]
    [InlineData("26-03")]
    [InlineData("2026/03")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-026-03")]
    public void Anything_else_is_not_a_month(string? text)
    {
        Assert.False(ReportMonth.TryParse(text, out _));
    }

    [Fact]
    public void Months_count_across_year_ends()
    {
        Assert.Equal(new ReportMonth(2026, 1), new ReportMonth(2025, 12).AddMonths(1));
        Assert.Equal(new ReportMonth(2025, 12), new ReportMonth(2026, 11).AddMonths(-11));
        Assert.Equal(11, new ReportMonth(2025, 12).MonthsUntil(new ReportMonth(2026, 11)));
        Assert.True(new ReportMonth(2025, 12) < new ReportMonth(2026, 1));
    }
}
