using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

public sealed class SearchTaskTests
{
    private static readonly DateOnly Today = new(2026, 3, 2); // received today: due Thu 2 Apr 2026
    private static readonly CaseContext Ctx = new("caseworker", DateTimeOffset.UnixEpoch, Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);

    private static RightsRequest InProgress()
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["health"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        r.ProceedWithoutIdentity("Known family", Ctx);
        return r;
    }

    [Fact]
    public void A_service_is_asked_to_search_by_a_date_before_the_legal_limit_and_reports_its_findings()
    {
        var request = InProgress();
        var task = request.AskServiceToSearch("Educational Psychology Service", "Reports since 2022", new DateOnly(2026, 3, 20), Ctx);

        Assert.Equal("Search requested", request.Events[^1].Kind);
        request.RecordSearchFindings(task.Id, "Two EP reports, 2023 and 2025", Ctx);
        Assert.Equal(Today, request.SearchTasks.Single().CompletedOn);
        Assert.Contains("Two EP reports", request.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-04-02")] // the legal limit itself: no time left to review
    [InlineData("2026-04-10")]
    [InlineData("2026-03-01")] // in the past
    public void A_search_due_on_or_after_the_legal_limit_or_in_the_past_is_refused(string due)
    {
        var request = InProgress();
        Assert.Throws<DomainRuleException>(() => request.AskServiceToSearch("SENMAS casework team", "Everything", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Ctx));
        Assert.Empty(request.SearchTasks);
    }

    [Fact]
    public void Searches_wait_for_work_to_start_one_open_search_per_service_and_findings_are_recorded_once()
    {
        var received = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000002", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["health"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        Assert.Throws<DomainRuleException>(() => received.AskServiceToSearch("Sensory Teams", "Everything", new DateOnly(2026, 3, 20), Ctx));

        var request = InProgress();
        var task = request.AskServiceToSearch("Sensory Teams", "Everything", new DateOnly(2026, 3, 20), Ctx);
        Assert.Throws<DomainRuleException>(() => request.AskServiceToSearch("Sensory Teams", "Again", new DateOnly(2026, 3, 21), Ctx));
        Assert.Throws<DomainRuleException>(() => request.RecordSearchFindings(task.Id, " ", Ctx));
        request.RecordSearchFindings(task.Id, "Nothing held", Ctx);
        Assert.Throws<DomainRuleException>(() => request.RecordSearchFindings(task.Id, "More", Ctx));
        Assert.Throws<DomainRuleException>(() => request.RecordSearchFindings(Guid.NewGuid(), "Unknown task", Ctx));
    }
}
