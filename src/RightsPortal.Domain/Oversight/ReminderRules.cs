using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Oversight;

/// <summary>What a reminder is about; each kind has its own threshold and its own people.</summary>
public enum ReminderKind
{
    /// <summary>The legal limit is close: the caseworkers are reminded (5, then 1 working day before).</summary>
    DueSoon,

    /// <summary>The legal limit is 2 working days away and no response is drafted: the DPO is told.</summary>
    AtRisk,

    /// <summary>The legal limit has passed and the request is not finished: the DPO is told.</summary>
    Overdue,

    /// <summary>The first month is ending: an extension must be decided and notified before it does.</summary>
    ExtensionDecision,

    /// <summary>A service's search is due in 2 working days: its service contacts are reminded.</summary>
    SearchDueSoon,

    /// <summary>A service's search is past its date and unanswered: its service contacts are reminded.</summary>
    SearchOverdue,
}

/// <summary>Who in the organisation a reminder goes to.</summary>
public enum ReminderAudience
{
    /// <summary>The organisation's caseworkers (requests have no assignee, so all of them).</summary>
    Caseworkers,

    /// <summary>The organisation's data protection officers.</summary>
    Dpo,

    /// <summary>The contacts of the service asked to search.</summary>
    ServiceContacts,
}

/// <summary>The few facts about an open request the watcher needs (read as columns, never as the whole case).</summary>
public readonly record struct WatchedRequest(Guid Id, Right Right, RequestStatus Status, DateOnly StartOn, DateOnly DueOn, int PausedDays, bool Extended)
{
    /// <summary>The end of the first month, counted as <see cref="RightsRequest.FirstMonthEnds"/> counts it.</summary>
    public DateOnly FirstMonthEnds => StartOn.AddMonths(1).AddDays(PausedDays);
}

/// <summary>An unanswered search and the status of the request it belongs to.</summary>
public readonly record struct WatchedSearch(Guid TaskId, RequestStatus RequestStatus, DateOnly DueOn);

/// <summary>
/// One reminder that is due today. <see cref="Key"/> names what it is about, the date and the threshold, so the same
/// reminder is recognised however often the watcher runs; a date that moves (a restart, a pause, an extension) gives
/// new keys and so new reminders for the new date.
/// </summary>
/// <param name="WorkingDaysLeft">Working days from today to <see cref="DueOn"/> (0 on the day, and once it has passed).</param>
/// <param name="Complaint">The date is a complaint's date to acknowledge it.</param>
public sealed record ReminderDue(ReminderKind Kind, ReminderAudience Audience, string Key, DateOnly DueOn, int WorkingDaysLeft = 0, bool Complaint = false)
{
    /// <summary>
    /// One plain sentence without personal data, for the email and the in-app list. Written when asked: the watcher
    /// finds far more reminders due than it writes (most were written by an earlier run).
    /// </summary>
    public string What => ReminderRules.Describe(this);
}

/// <summary>
/// Which reminders and escalations apply to a request or a search on a given day. Thresholds count working days of
/// the organisation's holiday calendar. When the watcher has not run for a while, only the tightest threshold that
/// has been crossed is due, so people get the reminder that matters now and never a burst of stale ones.
/// </summary>
public static class ReminderRules
{
    /// <summary>Caseworker reminders before the legal limit, in working days, tightest first.</summary>
    public static readonly IReadOnlyList<int> DueSoonWorkingDays = [1, 5];

    /// <summary>The DPO is told when the legal limit is this close and no response has been drafted.</summary>
    public const int AtRiskWorkingDays = 2;

    /// <summary>Caseworkers are reminded this long before the first month ends that an extension must be decided by then.</summary>
    public const int ExtensionDecisionWorkingDays = 10;

    /// <summary>Service contacts are reminded this long before their search is due.</summary>
    public const int SearchDueSoonWorkingDays = 2;

    /// <summary>
    /// How many calendar days ahead a date can be and still have a threshold crossed today: ten working days span at
    /// most 18 calendar days (two weekends and the Christmas and New Year holidays), and a legal limit rolls at most
    /// 5 days past the end of the first month (Easter). The watcher reads no request due later than this.
    /// </summary>
    public const int LookAheadDays = 28;

    /// <summary>
    /// Requests whose clock is running. A request waiting for the family (ID, a fee, clarification) gets no reminders:
    /// its dates move when the family answers. Finished requests get none either.
    /// </summary>
    public static readonly IReadOnlyList<RequestStatus> WatchedStatuses =
        [RequestStatus.Received, RequestStatus.InProgress, RequestStatus.Extended, RequestStatus.ResponseDrafted];

    public static bool IsWatched(RequestStatus status) =>
        status is RequestStatus.Received or RequestStatus.InProgress or RequestStatus.Extended or RequestStatus.ResponseDrafted;

    /// <summary>
    /// Working days after <paramref name="today"/> up to and including <paramref name="date"/> (0 when the date is
    /// today or past). Counting stops at <paramref name="cap"/>: the answer is then "at least cap".
    /// </summary>
    public static int WorkingDaysUntil(DateOnly today, DateOnly date, HolidayCalendar holidays, int cap = int.MaxValue)
    {
        var count = 0;
        for (var day = today.AddDays(1); day <= date && count < cap; day = day.AddDays(1))
        {
            if (holidays.IsWorkingDay(day)) count++;
        }

        return count;
    }

    /// <summary>Every reminder that applies to the request today (none for requests that are paused or finished).</summary>
    public static IReadOnlyList<ReminderDue> ForRequest(in WatchedRequest request, DateOnly today, HolidayCalendar holidays)
    {
        var due = new List<ReminderDue>(3);
        AddForRequest(request, today, holidays, due);
        return due;
    }

    /// <summary>As <see cref="ForRequest"/>, adding to a list the caller reuses (the watcher checks every open request).</summary>
    public static void AddForRequest(in WatchedRequest r, DateOnly today, HolidayCalendar holidays, ICollection<ReminderDue> into)
    {
        if (!IsWatched(r.Status)) return;

        // A complaint's date is the date to acknowledge it; it counts as acknowledged once someone has started work on it.
        var complaint = r.Right == Right.Complaint;
        if (complaint && r.Status != RequestStatus.Received) return;

        var id = r.Id.ToString("N");
        var iso = UkDates.Iso(r.DueOn);
        if (today > r.DueOn)
        {
            into.Add(new ReminderDue(ReminderKind.Overdue, ReminderAudience.Dpo, $"overdue:{id}:{iso}", r.DueOn, 0, complaint));
            return;
        }

        var left = WorkingDaysUntil(today, r.DueOn, holidays, cap: ExtensionDecisionWorkingDays + 1);
        foreach (var threshold in DueSoonWorkingDays)
        {
            if (left <= threshold)
            {
                into.Add(new ReminderDue(ReminderKind.DueSoon, ReminderAudience.Caseworkers, $"due:{id}:{iso}:{threshold}wd", r.DueOn, left, complaint));
                break;
            }
        }

        if (r.Status != RequestStatus.ResponseDrafted && left <= AtRiskWorkingDays)
        {
            into.Add(new ReminderDue(ReminderKind.AtRisk, ReminderAudience.Dpo, $"at-risk:{id}:{iso}", r.DueOn, left, complaint));
        }

        if (!r.Extended && DeadlineRules.CanExtend(r.Right) && r.Status is RequestStatus.Received or RequestStatus.InProgress)
        {
            var firstMonthEnds = r.FirstMonthEnds;
            if (today <= firstMonthEnds)
            {
                var untilMonthEnds = WorkingDaysUntil(today, firstMonthEnds, holidays, cap: ExtensionDecisionWorkingDays + 1);
                if (untilMonthEnds <= ExtensionDecisionWorkingDays)
                {
                    into.Add(new ReminderDue(ReminderKind.ExtensionDecision, ReminderAudience.Caseworkers, $"extension:{id}:{UkDates.Iso(firstMonthEnds)}", firstMonthEnds, untilMonthEnds));
                }
            }
        }
    }

    /// <summary>The reminder due today for an unanswered search, if any (none while its request is paused or finished).</summary>
    public static ReminderDue? ForSearch(in WatchedSearch search, DateOnly today, HolidayCalendar holidays)
    {
        if (!IsWatched(search.RequestStatus)) return null;

        var id = search.TaskId.ToString("N");
        var iso = UkDates.Iso(search.DueOn);
        if (today > search.DueOn)
        {
            return new ReminderDue(ReminderKind.SearchOverdue, ReminderAudience.ServiceContacts, $"search:{id}:{iso}:overdue", search.DueOn);
        }

        var left = WorkingDaysUntil(today, search.DueOn, holidays, cap: SearchDueSoonWorkingDays + 1);
        return left <= SearchDueSoonWorkingDays
            ? new ReminderDue(ReminderKind.SearchDueSoon, ReminderAudience.ServiceContacts, $"search:{id}:{iso}:{SearchDueSoonWorkingDays}wd", search.DueOn, left)
            : null;
    }

    /// <summary>The sentence for a reminder: what is due, when, and (for escalations) what is missing.</summary>
    public static string Describe(ReminderDue due) => due.Kind switch
    {
        ReminderKind.DueSoon => (due.Complaint ? "The complaint must be acknowledged " : "The response is due ") + When(due.WorkingDaysLeft, due.DueOn) + ".",
        ReminderKind.AtRisk => due.Complaint
            ? $"The complaint must be acknowledged {When(due.WorkingDaysLeft, due.DueOn)}, and nobody has started work on it."
            : $"The response is due {When(due.WorkingDaysLeft, due.DueOn)}, and has not been drafted.",
        ReminderKind.Overdue => due.Complaint
            ? $"The date to acknowledge the complaint, {UkDates.Long(due.DueOn)}, has passed and nobody has started work on it."
            : $"The legal limit, {UkDates.Long(due.DueOn)}, has passed and the request is not finished.",
        ReminderKind.ExtensionDecision =>
            $"The first month ends on {UkDates.Long(due.DueOn)}. If the request is complex or one of several, decide on an extension and tell the family by then: after that it cannot be extended.",
        ReminderKind.SearchDueSoon => $"Your service's search is due {When(due.WorkingDaysLeft, due.DueOn)}.",
        ReminderKind.SearchOverdue => $"Your service's search was due on {UkDates.Long(due.DueOn)} and has not been answered.",
        _ => "",
    };

    private static string When(int workingDaysLeft, DateOnly date) => workingDaysLeft switch
    {
        0 => $"today, {UkDates.Long(date)}",
        1 => $"in 1 working day, on {UkDates.Long(date)}",
        _ => $"in {workingDaysLeft} working days, on {UkDates.Long(date)}",
    };
}
