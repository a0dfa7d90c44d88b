using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>Every clock event on a request (T2 restart, T6 pause and answer, T5 extension) recomputes its dates.</summary>
public sealed class RequestClockEventTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly ClockSettings Settings = ClockSettings.Default;

    private static CaseContext On(DateOnly today) => new("caseworker", DateTimeOffset.UnixEpoch, today, Calculator, Settings);

    /// <summary>A request a caseworker has started work on (no ID needed).</summary>
    private static RightsRequest InProgress(DateOnly on, Right right = Right.Access)
    {
        var request = Received(on, right);
        request.ProceedWithoutIdentity("Details match our records", On(on));
        return request;
    }

    private static RightsRequest Received(DateOnly on, Right right = Right.Access) => RightsRequest.Receive(
        Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Letter,
        new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
        ["health"], null, on, DateTimeOffset.UnixEpoch, on, Calculator, Settings);

    [Fact]
    public void ID_arriving_restarts_the_clock_from_that_day()
    {
        // Received Mon 2 Mar 2026 (due Thu 2 Apr); ID arrives Tue 10 Mar: due Fri 10 Apr 2026, a working day.
        var request = Received(new DateOnly(2026, 3, 2));
        request.RestartClock(new DateOnly(2026, 3, 10), On(new DateOnly(2026, 3, 12)));
        Assert.Equal(new DateOnly(2026, 3, 10), request.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 10), request.DueOn);
        Assert.Contains("started again on Tue 10 Mar 2026", request.DueExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restart_dated_in_the_future_or_before_receipt_is_refused()
    {
        var request = Received(new DateOnly(2026, 3, 2));
        Assert.Throws<DomainRuleException>(() => request.RestartClock(new DateOnly(2026, 3, 20), On(new DateOnly(2026, 3, 12))));
        Assert.Throws<DomainRuleException>(() => request.RestartClock(new DateOnly(2026, 3, 1), On(new DateOnly(2026, 3, 12))));
    }

    [Fact]
    public void A_pause_and_its_answer_move_the_deadline_by_the_paused_days_counting_both_ends()
    {
        // Received Mon 2 Mar 2026, due Thu 2 Apr. Paused Thu 5 Mar to Mon 9 Mar: 5 days, so Tue 7 Apr 2026.
        var request = InProgress(new DateOnly(2026, 3, 2));
        request.PauseForClarification(new DateOnly(2026, 3, 5), "Which school years?", On(new DateOnly(2026, 3, 5)));
        Assert.NotNull(request.OpenPause);
        Assert.Contains("Paused since Thu 5 Mar 2026", request.DueExplanation, StringComparison.Ordinal);

        request.ClarificationAnswered(new DateOnly(2026, 3, 9), On(new DateOnly(2026, 3, 9)));
        Assert.Null(request.OpenPause);
        Assert.Equal(5, request.PausedDays);
        Assert.Equal(new DateOnly(2026, 4, 7), request.DueOn);
    }

    [Fact]
    public void Only_access_requests_pause_and_never_without_a_reason_or_twice_at_once()
    {
        var erasure = InProgress(new DateOnly(2026, 3, 2), Right.Erasure);
        Assert.Throws<DomainRuleException>(() => erasure.PauseForClarification(new DateOnly(2026, 3, 5), "Why?", On(new DateOnly(2026, 3, 5))));

        var access = InProgress(new DateOnly(2026, 3, 2));
        Assert.Throws<DomainRuleException>(() => access.PauseForClarification(new DateOnly(2026, 3, 5), " ", On(new DateOnly(2026, 3, 5))));
        access.PauseForClarification(new DateOnly(2026, 3, 5), "Which records?", On(new DateOnly(2026, 3, 5)));
        Assert.Throws<DomainRuleException>(() => access.PauseForClarification(new DateOnly(2026, 3, 6), "Again", On(new DateOnly(2026, 3, 6))));
    }

    [Fact]
    public void A_pause_before_the_law_allowed_it_is_refused()
    {
        var request = InProgress(new DateOnly(2026, 1, 20));
        var refused = Assert.Throws<DomainRuleException>(() => request.PauseForClarification(new DateOnly(2026, 2, 4), "Which?", On(new DateOnly(2026, 2, 4))));
        Assert.Contains("Thu 5 Feb 2026", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_without_a_pause_or_before_the_question_is_refused()
    {
        var request = InProgress(new DateOnly(2026, 3, 2));
        Assert.Throws<DomainRuleException>(() => request.ClarificationAnswered(new DateOnly(2026, 3, 9), On(new DateOnly(2026, 3, 9))));
        request.PauseForClarification(new DateOnly(2026, 3, 5), "Which?", On(new DateOnly(2026, 3, 5)));
        Assert.Throws<DomainRuleException>(() => request.ClarificationAnswered(new DateOnly(2026, 3, 4), On(new DateOnly(2026, 3, 9))));
    }

    [Fact]
    public void An_extension_within_the_first_month_gives_three_months_and_the_notice_date()
    {
        // Received Mon 2 Mar 2026: three months is Tue 2 Jun 2026; the requester must be told by Thu 2 Apr 2026.
        var request = Received(new DateOnly(2026, 3, 2));
        request.Extend("Records held by four services", On(new DateOnly(2026, 3, 20)));
        Assert.True(request.Extended);
        Assert.Equal(new DateOnly(2026, 6, 2), request.DueOn);
        Assert.Equal(new DateOnly(2026, 4, 2), request.ExtensionNoticeBy);
    }

    [Fact]
    public void An_extension_after_the_first_month_a_second_extension_or_one_without_reasons_is_refused()
    {
        var late = Received(new DateOnly(2026, 3, 2));
        var refused = Assert.Throws<DomainRuleException>(() => late.Extend("Complex", On(new DateOnly(2026, 4, 3))));
        Assert.Contains("first month", refused.Message, StringComparison.Ordinal);

        var request = Received(new DateOnly(2026, 3, 2));
        Assert.Throws<DomainRuleException>(() => request.Extend("", On(new DateOnly(2026, 3, 10))));
        request.Extend("Complex", On(new DateOnly(2026, 3, 10)));
        Assert.Throws<DomainRuleException>(() => request.Extend("Again", On(new DateOnly(2026, 3, 11))));
    }

    [Fact]
    public void Every_clock_event_changes_the_concurrency_version()
    {
        var request = Received(new DateOnly(2026, 3, 2));
        var first = request.Version;
        request.RestartClock(new DateOnly(2026, 3, 3), On(new DateOnly(2026, 3, 3)));
        Assert.NotEqual(first, request.Version);
    }
}
