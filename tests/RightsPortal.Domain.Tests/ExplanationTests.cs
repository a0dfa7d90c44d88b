using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>Every due date comes with reasons a caseworker can read.</summary>
public class ExplanationTests
{
    private readonly StatutoryClock clock = new(HolidayCalendar.EnglandAndWales);

    [Fact]
    public void Received_Saturday_31_January_2026_explains_the_receipt_the_clamp_and_the_roll()
    {
        var lines = clock.OneCalendarMonth(D("2026-01-31")).Explanation;

        Assert.Contains("Sat 31 Jan 2026", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("no 31 Feb", StringComparison.Ordinal)
            && l.Contains("Sat 28 Feb 2026", StringComparison.Ordinal));
        Assert.Contains("Mon 2 Mar 2026", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_roll_past_a_bank_holiday_names_the_holiday()
    {
        // Received Mon 25 Nov 2024 -> Wed 25 Dec 2024; 25 and 26 Dec are bank holidays -> Fri 27 Dec 2024.
        var lines = clock.OneCalendarMonth(D("2024-11-25")).Explanation;

        Assert.Contains("Wed 25 Dec 2024", lines[^1], StringComparison.Ordinal);
        Assert.Contains("Thu 26 Dec 2024", lines[^1], StringComparison.Ordinal);
        Assert.Contains("bank holiday", lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("Fri 27 Dec 2024.", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_clamp_into_September_names_the_missing_day_in_the_three_letter_form()
    {
        // Received Sun 31 Aug 2025 -> no 31 Sep -> Tue 30 Sep 2025.
        var lines = clock.OneCalendarMonth(D("2025-08-31")).Explanation;

        Assert.Contains(lines, l => l.Contains("no 31 Sep,", StringComparison.Ordinal));
        Assert.EndsWith("Tue 30 Sep 2025.", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_explanation_starts_with_the_received_date_and_ends_naming_the_due_date()
    {
        foreach (var received in EveryDay(D("2024-01-01"), D("2030-12-31")))
        {
            var result = clock.OneCalendarMonth(received);

            Assert.Contains(Short(received), result.Explanation[0], StringComparison.Ordinal);
            Assert.EndsWith($"{Short(result.Date)}.", result.Explanation[^1], StringComparison.Ordinal);
        }
    }
}
