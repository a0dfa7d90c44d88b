using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

public class RequestReferenceTests
{
    [Fact]
    public void Sequence_123_in_2026_for_STK_is_STK_2026_000123()
    {
        Assert.Equal("STK-2026-000123", RequestReference.Format("STK", 2026, 123));
    }

    [Fact]
    public void The_first_and_last_sequences_of_a_year_are_allowed()
    {
        Assert.Equal("STK-2026-000001", RequestReference.Format("STK", 2026, 1));
        Assert.Equal("STK-2026-999999", RequestReference.Format("STK", 2026, 999_999));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public void A_sequence_outside_1_to_999999_is_refused(int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestReference.Format("STK", 2026, sequence));
    }
}
