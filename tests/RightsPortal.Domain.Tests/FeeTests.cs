using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>T9: a reasonable fee only for manifestly unfounded or excessive requests or further copies; compliance waits for it (T2).</summary>
public sealed class FeeTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly DateOnly Mar2 = new(2026, 3, 2);

    private static CaseContext On(DateOnly today) =>
        new("caseworker-1", new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, ClockSettings.Default);

    private static RightsRequest InProgress(Right right = Right.Access)
    {
        var request = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Email,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["ehc"], null, Mar2, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Mar2, Calculator, ClockSettings.Default);
        request.ProceedWithoutIdentity("Known to the service", On(Mar2));
        return request;
    }

    [Fact]
    public void Asking_for_a_fee_stops_work_and_paying_it_restarts_the_clock_from_that_day()
    {
        // Received Mon 2 Mar 2026 (limit Thu 2 Apr); fee asked Wed 4 Mar; paid Mon 16 Mar: limit Thu 16 Apr 2026.
        var request = InProgress();
        request.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "Fifth identical request this month; cost of staff time", On(new DateOnly(2026, 3, 4)));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Equal([CaseAction.RecordFeePaid, CaseAction.WaiveFee, CaseAction.Withdraw], request.AllowedActions());
        Assert.Equal("Fee requested", request.Events[^1].Kind);
        Assert.StartsWith("£25.00, because the request is manifestly excessive", request.Events[^1].Detail, StringComparison.Ordinal);

        request.RecordFeePaid(new DateOnly(2026, 3, 16), On(new DateOnly(2026, 3, 17)));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(new DateOnly(2026, 3, 16), request.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 16), request.DueOn);
        Assert.Equal(new DateOnly(2026, 3, 16), request.FeePaidOn);
        Assert.Equal("Fee received", request.Events[^1].Kind);
    }

    [Fact]
    public void Nothing_is_drafted_while_the_fee_is_awaited()
    {
        var request = InProgress();
        request.RequestFee(FeeBasis.ManifestlyUnfounded, 10m, "Request made only to cause disruption, as set out in the file note", On(new DateOnly(2026, 3, 4)));

        Assert.Throws<DomainRuleException>(() => request.DraftResponse(Outcome.Refused, "Refused", On(new DateOnly(2026, 3, 5))));
        Assert.Throws<DomainRuleException>(() => request.PauseForClarification(new DateOnly(2026, 3, 5), "Which years?", On(new DateOnly(2026, 3, 5))));
    }

    [Fact]
    public void Waiving_the_fee_carries_on_with_the_original_deadline()
    {
        var request = InProgress();
        request.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "Repeated requests", On(new DateOnly(2026, 3, 4)));

        request.WaiveFee("The DPO decided the request is not excessive", On(new DateOnly(2026, 3, 6)));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.FeeAmount);
        Assert.Equal(new DateOnly(2026, 4, 2), request.DueOn);
    }

    [Fact]
    public void A_fee_for_further_copies_applies_only_to_requests_to_see_records()
    {
        var erasure = InProgress(Right.Erasure);

        var refused = Assert.Throws<DomainRuleException>(() => erasure.RequestFee(FeeBasis.FurtherCopies, 5m, "Second copy", On(new DateOnly(2026, 3, 4))));

        Assert.Equal("A fee for further copies applies only to requests to see records.", refused.Message);
        Assert.Equal(RequestStatus.InProgress, erasure.Status);

        var access = InProgress();
        access.RequestFee(FeeBasis.FurtherCopies, 5m, "A second paper copy; printing and postage", On(new DateOnly(2026, 3, 4)));
        Assert.Equal(RequestStatus.AwaitingFee, access.Status);
    }

    [Theory]
    [InlineData(0, "Give the fee in pounds: more than £0.")]
    [InlineData(-5, "Give the fee in pounds: more than £0.")]
    [InlineData(500.01, "A fee must be reasonable and based on the administrative cost: more than £500 is not accepted.")]
    [InlineData(10.005, "Give the fee in pounds and pence.")]
    public void An_unreasonable_or_malformed_fee_is_refused(double amount, string message)
    {
        var request = InProgress();

        var refused = Assert.Throws<DomainRuleException>(() => request.RequestFee(FeeBasis.ManifestlyExcessive, (decimal)amount, "Repeated requests", On(new DateOnly(2026, 3, 4))));

        Assert.Equal(message, refused.Message);
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Fact]
    public void A_fee_needs_reasons_and_is_not_asked_before_the_identity_check()
    {
        var request = InProgress();
        Assert.Throws<DomainRuleException>(() => request.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "  ", On(new DateOnly(2026, 3, 4))));

        var received = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000002", Guid.NewGuid(), Right.Access, Channel.Email,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["ehc"], null, Mar2, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Mar2, Calculator, ClockSettings.Default);
        Assert.Throws<DomainRuleException>(() => received.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "Repeated", On(Mar2)));
    }

    [Fact]
    public void A_payment_dated_before_the_fee_was_asked_or_in_the_future_is_refused()
    {
        var request = InProgress();
        request.RequestFee(FeeBasis.ManifestlyExcessive, 25m, "Repeated requests", On(new DateOnly(2026, 3, 4)));

        Assert.Throws<DomainRuleException>(() => request.RecordFeePaid(new DateOnly(2026, 3, 3), On(new DateOnly(2026, 3, 10))));
        Assert.Throws<DomainRuleException>(() => request.RecordFeePaid(new DateOnly(2026, 3, 11), On(new DateOnly(2026, 3, 10))));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Equal(Mar2, request.StartOn);
    }
}
