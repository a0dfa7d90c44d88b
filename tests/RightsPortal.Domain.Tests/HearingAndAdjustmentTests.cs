using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

public sealed class HearingAndAdjustmentTests
{
    private static readonly DateOnly Today = new(2026, 3, 2); // received today: due Thu 2 Apr 2026
    private static readonly CaseContext Ctx = new("caseworker", DateTimeOffset.UnixEpoch, Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);

    private static RightsRequest Received() => RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
        new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
        ["health"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);

    [Fact]
    public void A_hearing_before_the_legal_limit_is_flagged_and_explained_on_the_timeline()
    {
        var request = Received();
        request.RecordHearing(HearingKind.SendTribunal, new DateOnly(2026, 3, 20), Ctx);

        Assert.True(request.DueAfterHearing);
        Assert.Contains("SEND Tribunal hearing on Fri 20 Mar 2026", request.Events[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("aim to respond before the hearing", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hearing_after_the_legal_limit_is_not_flagged()
    {
        var request = Received();
        request.RecordHearing(HearingKind.AnnualReview, new DateOnly(2026, 4, 20), Ctx);
        Assert.False(request.DueAfterHearing);
    }

    [Fact]
    public void A_hearing_needs_both_kind_and_date_and_can_be_cleared()
    {
        var request = Received();
        Assert.Throws<DomainRuleException>(() => request.RecordHearing(HearingKind.Mediation, null, Ctx));
        Assert.Throws<DomainRuleException>(() => request.RecordHearing(null, new DateOnly(2026, 3, 20), Ctx));
        request.RecordHearing(HearingKind.Mediation, new DateOnly(2026, 3, 20), Ctx);
        request.RecordHearing(null, null, Ctx);
        Assert.Null(request.HearingOn);
        Assert.False(request.DueAfterHearing);
    }

    [Fact]
    public void A_finished_request_takes_no_hearing_and_is_never_flagged()
    {
        var request = Received();
        request.RecordHearing(HearingKind.SendTribunal, new DateOnly(2026, 3, 20), Ctx);
        request.Withdraw("Phoned to withdraw", Ctx);
        Assert.False(request.DueAfterHearing);
        Assert.Throws<DomainRuleException>(() => request.RecordHearing(HearingKind.SendTribunal, new DateOnly(2026, 3, 25), Ctx));
    }

    [Fact]
    public void Adjustments_are_recorded_and_shown_on_the_timeline()
    {
        var request = Received();
        var version = request.Version;
        request.RecordAdjustments(PreferredFormat.LargePrint, ContactRoute.ThroughAdvocate, "Advocate: Jo at the parent partnership", Ctx);

        Assert.Equal(PreferredFormat.LargePrint, request.PreferredFormat);
        Assert.Equal(ContactRoute.ThroughAdvocate, request.ContactRoute);
        Assert.Equal("Response in large print; contact by their advocate. Advocate: Jo at the parent partnership", request.Events[^1].Detail);
        Assert.NotEqual(version, request.Version);
    }

    [Fact]
    public void A_new_request_defaults_to_the_standard_format_by_email()
    {
        var request = Received();
        Assert.Equal(PreferredFormat.Standard, request.PreferredFormat);
        Assert.Equal(ContactRoute.Email, request.ContactRoute);
    }
}
