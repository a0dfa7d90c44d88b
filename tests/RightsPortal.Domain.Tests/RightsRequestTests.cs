using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

public class RightsRequestTests
{
    private static readonly StatutoryClock Clock = new(HolidayCalendar.EnglandAndWales);
    private static readonly DateOnly Today = D("2026-02-02");

    private static RequestParties Parties(DateOnly? dateOfBirth = null) => new(
        RequesterRole.ParentCarer,
        "Alex Parent",
        "alex@example.org",
        "Sam Child",
        dateOfBirth ?? D("2015-06-01"),
        "Oak Primary");

    private static RightsRequest Receive(
        DateOnly receivedOn,
        RequestParties? parties = null,
        IEnumerable<string>? categories = null) =>
        RightsRequest.Receive(
            Guid.NewGuid(),
            "STK-2026-000001",
            Guid.NewGuid(),
            Right.Access,
            Channel.Email,
            parties ?? Parties(),
            categories ?? ["EHC plan"],
            details: null,
            receivedOn,
            new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero),
            Today,
            Clock.Calculator,
            new ClockSettings(Clock.Holidays));

    [Fact]
    public void A_request_received_tomorrow_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Receive(Today.AddDays(1)));
    }

    [Fact]
    public void A_request_received_today_is_accepted()
    {
        Assert.Equal(Today, Receive(Today).ReceivedOn);
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Receive(D("2026-01-31"), Parties(Today.AddDays(1))));
    }

    [Fact]
    public void A_request_about_no_records_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Receive(D("2026-01-31"), categories: []));
    }

    [Fact]
    public void A_valid_request_received_Saturday_31_January_2026_is_due_Monday_2_March_2026()
    {
        var request = Receive(D("2026-01-31"), categories: ["EHC plan", "Safeguarding file", "EHC plan"]);

        // No 31 Feb -> Sat 28 Feb 2026 -> Mon 2 Mar 2026.
        Assert.Equal(D("2026-03-02"), request.DueOn);
        Assert.Equal(request.ReceivedOn, request.StartOn);
        Assert.Equal(D("2026-01-31"), request.ReceivedOn);
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal(["EHC plan", "Safeguarding file"], request.DataCategories);
        Assert.Contains("Mon 2 Mar 2026", request.DueExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_request_keeps_who_asked_and_about_whom()
    {
        var request = Receive(D("2026-01-31"));

        Assert.Equal("Alex Parent", request.RequesterName);
        Assert.Equal("Sam Child", request.SubjectName);
        Assert.Equal(D("2015-06-01"), request.SubjectDateOfBirth);
        Assert.Equal(Right.Access, request.Right);
        Assert.NotEqual(Guid.Empty, request.Id);
    }
}
