using RightsPortal.Domain.Clock;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

public class UkDatesTests
{
    [Fact]
    public void Long_writes_27_December_2024_as_Friday_27_December_2024()
    {
        Assert.Equal("Friday 27 December 2024", UkDates.Long(new DateOnly(2024, 12, 27)));
    }

    [Fact]
    public void Long_writes_a_single_digit_day_without_a_leading_zero()
    {
        Assert.Equal("Tuesday 1 September 2026", UkDates.Long(new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void Short_writes_27_December_2024_as_Fri_27_Dec_2024()
    {
        Assert.Equal("Fri 27 Dec 2024", UkDates.Short(new DateOnly(2024, 12, 27)));
    }

    [Fact]
    public void Short_uses_three_letter_day_and_month_names_for_every_month()
    {
        for (var month = 1; month <= 12; month++)
        {
            var date = new DateOnly(2026, month, 3);
            Assert.Equal(Short(date), UkDates.Short(date));
        }
    }

    [Fact]
    public void Iso_writes_year_month_day_with_leading_zeros()
    {
        Assert.Equal("2026-03-02", UkDates.Iso(new DateOnly(2026, 3, 2)));
    }
}
