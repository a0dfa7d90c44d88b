using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>
/// Issue 6, the deadline watcher's thresholds. An access request received Mon 2 Mar 2026 is due Thu 2 Apr 2026, the
/// day before Good Friday; its first month ends the same day.
/// </summary>
public sealed class ReminderRulesTests
{
    private static readonly HolidayCalendar EnglandAndWales = HolidayCalendar.EnglandAndWales;
    private static readonly Guid Id = Guid.Parse("7d3a1f0e-1111-4222-8333-944445555666");
    private const string IdN = "7d3a1f0e111142228333944445555666";

    private static WatchedRequest Access(RequestStatus status = RequestStatus.InProgress, bool extended = false, string due = "2026-04-02") =>
        new(Id, Right.Access, status, D("2026-03-02"), D(due), PausedDays: 0, Extended: extended);

    private static IReadOnlyList<ReminderDue> On(string today, WatchedRequest request) => ReminderRules.ForRequest(request, D(today), EnglandAndWales);

    [Fact]
    public void A_request_a_month_from_its_limit_needs_no_reminder()
    {
        Assert.Empty(On("2026-03-02", Access()));
        Assert.Empty(On("2026-03-18", Access())); // 11 working days before
    }

    [Fact]
    public void Ten_working_days_before_the_first_month_ends_the_caseworkers_are_reminded_to_decide_on_an_extension()
    {
        var reminder = Assert.Single(On("2026-03-19", Access())); // Fri 20 Mar to Thu 2 Apr: 10 working days

        Assert.Equal(ReminderKind.ExtensionDecision, reminder.Kind);
        Assert.Equal(ReminderAudience.Caseworkers, reminder.Audience);
        Assert.Equal($"extension:{IdN}:2026-04-02", reminder.Key);
        Assert.Equal(D("2026-04-02"), reminder.DueOn);
        Assert.Contains("The first month ends on Thursday 2 April 2026", reminder.What, StringComparison.Ordinal);
        Assert.Contains("after that it cannot be extended", reminder.What, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extended_request_or_one_already_drafted_gets_no_extension_reminder()
    {
        Assert.DoesNotContain(On("2026-03-19", Access(extended: true, due: "2026-06-02")), r => r.Kind == ReminderKind.ExtensionDecision);
        Assert.DoesNotContain(On("2026-03-19", Access(RequestStatus.ResponseDrafted)), r => r.Kind == ReminderKind.ExtensionDecision);
    }

    [Fact]
    public void A_request_that_cannot_be_extended_gets_no_extension_reminder()
    {
        var educational = new WatchedRequest(Id, Right.EducationalRecord, RequestStatus.InProgress, D("2026-03-02"), D("2026-04-02"), 0, false);

        Assert.Empty(On("2026-03-19", educational));
    }

    [Fact]
    public void Five_working_days_before_the_limit_the_caseworkers_are_reminded()
    {
        Assert.DoesNotContain(On("2026-03-25", Access()), r => r.Kind == ReminderKind.DueSoon); // 6 working days before

        var reminder = Assert.Single(On("2026-03-26", Access()), r => r.Kind == ReminderKind.DueSoon);

        Assert.Equal(ReminderAudience.Caseworkers, reminder.Audience);
        Assert.Equal($"due:{IdN}:2026-04-02:5wd", reminder.Key);
        Assert.Equal("The response is due in 5 working days, on Thursday 2 April 2026.", reminder.What);
    }

    [Fact]
    public void Two_working_days_before_the_limit_with_nothing_drafted_the_dpo_is_told_it_is_at_risk()
    {
        var due = On("2026-03-31", Access());

        var atRisk = Assert.Single(due, r => r.Kind == ReminderKind.AtRisk);
        Assert.Equal(ReminderAudience.Dpo, atRisk.Audience);
        Assert.Equal($"at-risk:{IdN}:2026-04-02", atRisk.Key);
        Assert.Equal("The response is due in 2 working days, on Thursday 2 April 2026, and has not been drafted.", atRisk.What);
        Assert.Equal($"due:{IdN}:2026-04-02:5wd", Assert.Single(due, r => r.Kind == ReminderKind.DueSoon).Key); // still within the 5-day reminder
        Assert.DoesNotContain(On("2026-03-30", Access()), r => r.Kind == ReminderKind.AtRisk); // 3 working days before
    }

    [Fact]
    public void A_drafted_response_is_not_at_risk_but_is_still_reminded()
    {
        var due = On("2026-03-31", Access(RequestStatus.ResponseDrafted));

        Assert.Equal([ReminderKind.DueSoon], due.Select(r => r.Kind));
    }

    [Theory]
    [InlineData("2026-04-01", "The response is due in 1 working day, on Thursday 2 April 2026.")]
    [InlineData("2026-04-02", "The response is due today, Thursday 2 April 2026.")]
    public void One_working_day_before_and_on_the_day_the_last_reminder_applies(string today, string what)
    {
        var reminder = Assert.Single(On(today, Access()), r => r.Kind == ReminderKind.DueSoon);

        Assert.Equal($"due:{IdN}:2026-04-02:1wd", reminder.Key);
        Assert.Equal(what, reminder.What);
    }

    [Fact]
    public void A_watcher_that_missed_days_sends_only_the_tightest_reminder_crossed()
    {
        // Nothing ran between 25 March and 1 April: the 5-day reminder is stale, only the 1-day one applies.
        var due = On("2026-04-01", Access());

        Assert.DoesNotContain(due, r => r.Key.EndsWith(":5wd", StringComparison.Ordinal));
        Assert.Single(due, r => r.Key.EndsWith(":1wd", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-04-03")] // Good Friday, the day after the limit
    [InlineData("2026-05-20")]
    public void Past_the_limit_the_dpo_is_told_it_is_overdue_and_nothing_else_applies(string today)
    {
        var reminder = Assert.Single(On(today, Access(RequestStatus.ResponseDrafted)));

        Assert.Equal(ReminderKind.Overdue, reminder.Kind);
        Assert.Equal(ReminderAudience.Dpo, reminder.Audience);
        Assert.Equal($"overdue:{IdN}:2026-04-02", reminder.Key);
        Assert.Equal("The legal limit, Thursday 2 April 2026, has passed and the request is not finished.", reminder.What);
    }

    [Theory]
    [InlineData(RequestStatus.ClarificationRequested)]
    [InlineData(RequestStatus.AwaitingIdentity)]
    [InlineData(RequestStatus.AwaitingFee)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Withdrawn)]
    [InlineData(RequestStatus.Transferred)]
    public void A_request_waiting_for_the_family_or_finished_gets_no_reminders_at_all(RequestStatus status)
    {
        foreach (var today in EveryDay(D("2026-03-02"), D("2026-04-30")))
        {
            Assert.Empty(ReminderRules.ForRequest(Access(status), today, EnglandAndWales));
        }
    }

    [Fact]
    public void A_limit_that_moves_gives_new_keys_so_the_new_date_is_reminded_again()
    {
        var before = Assert.Single(On("2026-03-26", Access()), r => r.Kind == ReminderKind.DueSoon);
        var restarted = Assert.Single(On("2026-04-14", Access(due: "2026-04-21")), r => r.Kind == ReminderKind.DueSoon);

        Assert.NotEqual(before.Key, restarted.Key);
        Assert.Equal($"due:{IdN}:2026-04-21:5wd", restarted.Key);
    }

    [Fact]
    public void Working_days_skip_weekends_and_bank_holidays()
    {
        // After Thu 2 Apr 2026: Good Friday, the weekend and Easter Monday, then Tue 7 Apr.
        Assert.Equal(1, ReminderRules.WorkingDaysUntil(D("2026-04-02"), D("2026-04-07"), EnglandAndWales));
        Assert.Equal(0, ReminderRules.WorkingDaysUntil(D("2026-04-02"), D("2026-04-02"), EnglandAndWales));
        Assert.Equal(0, ReminderRules.WorkingDaysUntil(D("2026-04-08"), D("2026-04-02"), EnglandAndWales));
        Assert.Equal(3, ReminderRules.WorkingDaysUntil(D("2026-04-02"), D("2026-04-30"), EnglandAndWales, cap: 3));

        var afterEaster = Assert.Single(On("2026-04-02", Access(due: "2026-04-07")), r => r.Kind == ReminderKind.DueSoon);
        Assert.EndsWith(":1wd", afterEaster.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complaint_is_reminded_about_its_acknowledgement_date_until_someone_starts_work_on_it()
    {
        // Received Wed 1 Jul 2026: acknowledge by Thu 30 Jul (30 days, counting the day of receipt).
        WatchedRequest Complaint(RequestStatus status) => new(Id, Right.Complaint, status, D("2026-07-01"), D("2026-07-30"), 0, false);

        var soon = Assert.Single(ReminderRules.ForRequest(Complaint(RequestStatus.Received), D("2026-07-23"), EnglandAndWales));
        Assert.Equal(ReminderKind.DueSoon, soon.Kind);
        Assert.Equal("The complaint must be acknowledged in 5 working days, on Thursday 30 July 2026.", soon.What);
        var late = Assert.Single(ReminderRules.ForRequest(Complaint(RequestStatus.Received), D("2026-07-31"), EnglandAndWales));
        Assert.Equal(ReminderKind.Overdue, late.Kind);
        Assert.Contains("acknowledge the complaint", late.What, StringComparison.Ordinal);

        Assert.Empty(ReminderRules.ForRequest(Complaint(RequestStatus.InProgress), D("2026-07-23"), EnglandAndWales));
        Assert.Empty(ReminderRules.ForRequest(Complaint(RequestStatus.InProgress), D("2026-07-31"), EnglandAndWales));
    }

    [Fact]
    public void A_search_is_reminded_two_working_days_before_and_once_overdue()
    {
        var taskId = Guid.NewGuid();
        var search = new WatchedSearch(taskId, RequestStatus.InProgress, D("2026-03-20")); // Friday

        Assert.Null(ReminderRules.ForSearch(search, D("2026-03-17"), EnglandAndWales));
        var soon = ReminderRules.ForSearch(search, D("2026-03-18"), EnglandAndWales)!;
        Assert.Equal(ReminderKind.SearchDueSoon, soon.Kind);
        Assert.Equal(ReminderAudience.ServiceContacts, soon.Audience);
        Assert.Equal($"search:{taskId:N}:2026-03-20:2wd", soon.Key);
        Assert.Equal("Your service's search is due in 2 working days, on Friday 20 March 2026.", soon.What);
        var late = ReminderRules.ForSearch(search, D("2026-03-21"), EnglandAndWales)!;
        Assert.Equal(ReminderKind.SearchOverdue, late.Kind);
        Assert.Equal($"search:{taskId:N}:2026-03-20:overdue", late.Key);
    }

    [Fact]
    public void A_search_on_a_paused_or_finished_request_is_not_reminded()
    {
        Assert.Null(ReminderRules.ForSearch(new WatchedSearch(Guid.NewGuid(), RequestStatus.ClarificationRequested, D("2026-03-20")), D("2026-03-19"), EnglandAndWales));
        Assert.Null(ReminderRules.ForSearch(new WatchedSearch(Guid.NewGuid(), RequestStatus.Closed, D("2026-03-20")), D("2026-03-30"), EnglandAndWales));
    }

    [Fact]
    public void The_watcher_never_needs_to_read_a_request_due_further_ahead_than_its_look_ahead()
    {
        // Every start date over three years (Christmas, Easter and every month end included), every day to the limit.
        var calculator = new DeadlineCalculator(EnglandAndWales);
        foreach (var start in EveryDay(D("2026-01-01"), D("2028-12-31")))
        {
            var deadline = calculator.Compute(new DeadlineQuestion(Right.Access, start, null, false, null, PauseReading.Statutory, ComplaintReading.Statutory, null, null));
            var request = new WatchedRequest(Id, Right.Access, RequestStatus.InProgress, start, deadline.DueOn, 0, false);
            foreach (var today in EveryDay(start, deadline.DueOn))
            {
                if (ReminderRules.ForRequest(request, today, EnglandAndWales).Count > 0)
                {
                    Assert.True(deadline.DueOn.DayNumber - today.DayNumber <= ReminderRules.LookAheadDays, $"start {start}, today {today}, due {deadline.DueOn}");
                }
            }
        }
    }
}
