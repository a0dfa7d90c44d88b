using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Clock;

/// <summary>
/// Every statutory time limit the portal enforces (domain rules, section 1 and the limits in section 2). One rule
/// path serves both answers: <see cref="Compute"/> allocates nothing; <see cref="Explain"/> also writes one
/// plain-English line per rule applied, so the explanation can never disagree with the date.
/// </summary>
public sealed class DeadlineCalculator(HolidayCalendar holidays)
{
    public HolidayCalendar Holidays { get; } = holidays;

    public Deadline Compute(in DeadlineQuestion question) => Core(question, null);

    public (Deadline Deadline, IReadOnlyList<string> Explanation) Explain(in DeadlineQuestion question)
    {
        var lines = new List<string>(8);
        var deadline = Core(question, lines);
        return (deadline, lines);
    }

    private Deadline Core(in DeadlineQuestion q, List<string>? lines)
    {
        lines?.Add($"Received {UkDates.Short(q.Received)}.");
        if (DeadlineRules.IsOneMonthRight(q.Right))
        {
            return OneMonth(q, lines);
        }

        if (q.Extended) throw new DomainRuleException($"Only the one-month rights can be extended; {q.Right.Describe().ToLowerInvariant()} cannot.");
        if (q.Pauses is { Count: > 0 }) throw new DomainRuleException("Only access requests can be paused for clarification.");
        return q.Right switch
        {
            Right.EducationalRecord => EducationalRecord(q, lines),
            Right.Complaint => ComplaintAcknowledgement(q, lines),
            _ => throw new DomainRuleException($"There is no time limit for {q.Right}."),
        };
    }

    private Deadline OneMonth(in DeadlineQuestion q, List<string>? lines)
    {
        // T2: ID, authority or a fee arriving restarts the clock from that day (an earlier date changes nothing).
        var start = q.Received;
        if (q.Started is { } started && started > q.Received)
        {
            start = started;
            lines?.Add($"The clock started again on {UkDates.Short(start)}, when ID, authority or a fee arrived.");
        }

        // T3: same day next month, counting the start as day 1; the month's last day when that day does not exist.
        var oneMonth = start.AddMonths(1);
        lines?.Add(oneMonth.Day == start.Day
            ? $"One calendar month: {UkDates.Short(oneMonth)}."
            : $"One calendar month: no {start.Day} {UkDates.ShortMonth(oneMonth)}, so {UkDates.Short(oneMonth)}.");

        var paused = PausedDays(q);
        var due = oneMonth;
        DateOnly? noticeBy = null;
        if (q.Extended)
        {
            // T5: three months from the start, same clamp. The requester must be told within the first month, which a
            // clarification pause lengthens like the rest of the time limit; that date is not rolled.
            noticeBy = oneMonth.AddDays(paused);
            due = start.AddMonths(3);
            lines?.Add(due.Day == start.Day
                ? $"Extended by two further months: three months from the start is {UkDates.Short(due)}."
                : $"Extended by two further months: no {start.Day} {UkDates.ShortMonth(due)}, so {UkDates.Short(due)}.");
            lines?.Add(paused > 0
                ? $"The requester must be told of the extension and why by {UkDates.Short(noticeBy.Value)} (the first month plus the paused days)."
                : $"The requester must be told of the extension and why by {UkDates.Short(noticeBy.Value)}.");
        }

        if (paused > 0)
        {
            // T6: paused days are added before the roll.
            due = due.AddDays(paused);
            lines?.Add(q.PauseReading == PauseReading.Statutory
                ? $"Paused for clarification for {paused} day{Plural(paused)} (statutory count: both the day asked and the day answered): {UkDates.Short(due)}."
                : $"Paused for clarification for {paused} day{Plural(paused)} (ICO count: from the day asked to the day before the answer): {UkDates.Short(due)}.");
        }

        due = Roll(due, lines);
        var target = InternalTargetOn(q, start, paused, lines);
        return new Deadline(q.Right, q.Received, start, due, noticeBy, paused, target, Statutory: true);
    }

    private static int PausedDays(in DeadlineQuestion q)
    {
        var pauses = q.Pauses;
        if (pauses is null || pauses.Count == 0) return 0;
        if (!DeadlineRules.CanPause(q.Right)) throw new DomainRuleException("Only access requests can be paused for clarification.");

        var total = 0;
        for (var i = 0; i < pauses.Count; i++)
        {
            var p = pauses[i];
            DeadlineRules.RefuseUnlawfulPauseStart(p.Asked, q.Received, i);
            if (p.Answered < p.Asked)
                throw new DomainRuleException("A clarification pause cannot end before it starts.");
            for (var j = 0; j < i; j++)
            {
                if (p.Asked <= pauses[j].Answered && pauses[j].Asked <= p.Answered)
                    throw new DomainRuleException("Clarification pauses cannot overlap: ask again only after the last answer arrived.");
            }

            total += p.Answered.DayNumber - p.Asked.DayNumber + (q.PauseReading == PauseReading.Statutory ? 1 : 0);
        }

        return total;
    }

    private DateOnly? InternalTargetOn(in DeadlineQuestion q, DateOnly start, int paused, List<string>? lines)
    {
        if (q.InternalTarget is not { Days: > 0 } target) return null;

        DateOnly on;
        if (target.WorkingDays)
        {
            on = start;
            for (var counted = 0; counted < target.Days;)
            {
                on = on.AddDays(1);
                if (Holidays.IsWorkingDay(on)) counted++;
            }

            on = on.AddDays(paused);
            on = NextWorkingDay(on);
        }
        else
        {
            on = NextWorkingDay(start.AddDays(target.Days + paused));
        }

        lines?.Add($"Internal target ({target}{(paused > 0 ? " plus the paused days" : "")}): {UkDates.Short(on)}. Only the legal limit makes a request overdue.");
        return on;
    }

    private Deadline EducationalRecord(in DeadlineQuestion q, List<string>? lines)
    {
        var calendar = q.SchoolCalendar
            ?? throw new DomainRuleException("This organisation has no school calendar, so the 15 school days cannot be counted. Add the school's term dates first.");
        var day = q.Received;
        for (var counted = 0; counted < DeadlineRules.EducationalRecordSchoolDays;)
        {
            day = day.AddDays(1);
            if (!calendar.Covers(day))
            {
                throw new DomainRuleException($"The school calendar does not cover {UkDates.Short(day)}. Add the term dates up to then to count the 15 school days.");
            }

            if (calendar.IsSchoolDay(day, Holidays)) counted++;
        }

        lines?.Add($"A parent's request for the educational record: 15 school days of the school's calendar, counted from the day after receipt and skipping weekends, holidays, INSET days and days outside term: {UkDates.Short(day)}.");
        lines?.Add("This is not a subject access request: the one-month clock does not apply.");
        return new Deadline(q.Right, q.Received, q.Received, day, null, 0, null, Statutory: true);
    }

    private static Deadline ComplaintAcknowledgement(in DeadlineQuestion q, List<string>? lines)
    {
        var statute = q.ComplaintReading == ComplaintReading.Statutory;
        var due = q.Received.AddDays(statute ? 29 : 30);
        lines?.Add(statute
            ? $"Acknowledge within 30 days, counting the day of receipt as day 1 (statutory reading): {UkDates.Short(due)}."
            : $"Acknowledge within 30 days, counting from the day after receipt (ICO reading): {UkDates.Short(due)}.");
        lines?.Add("The 30 days are calendar days: a weekend or bank holiday does not move the date.");
        var statutory = q.Received >= DeadlineRules.ComplaintDutyFrom;
        if (!statutory)
        {
            lines?.Add($"Received before the duty began on {UkDates.Short(DeadlineRules.ComplaintDutyFrom)}: acknowledging within 30 days is good practice, not a legal limit.");
        }

        return new Deadline(q.Right, q.Received, q.Received, due, null, 0, null, statutory);
    }

    /// <summary>T4: a date on a weekend or bank holiday moves to the next working day.</summary>
    private DateOnly Roll(DateOnly date, List<string>? lines)
    {
        if (Holidays.IsWorkingDay(date)) return date;
        var rolled = NextWorkingDay(date);
        if (lines is not null)
        {
            var reasons = new List<string>();
            for (var d = date; d < rolled; d = d.AddDays(1))
            {
                reasons.Add(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                    ? $"{d.DayOfWeek} is not a working day"
                    : $"{UkDates.Short(d)} is a bank holiday");
            }

            lines.Add($"{string.Join("; ", reasons)}: {UkDates.Short(rolled)}.");
        }

        return rolled;
    }

    private DateOnly NextWorkingDay(DateOnly date)
    {
        while (!Holidays.IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    private static string Plural(int n) => n == 1 ? "" : "s";
}
