using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Oversight.Dashboard;

/// <summary>
/// "How are we doing?": the DPO's figures for a period of whole months (by default the last twelve, this month so
/// far included), for their own organisation; an administrator names one organisation by its code, or none for all.
/// </summary>
/// <remarks>
/// How each figure is counted (every date is a UK calendar date; a month is a calendar month of the period, and the
/// current month runs to today):
/// <list type="bullet">
/// <item><b>Received</b> (by right, by channel): requests whose received date (T1) is in the month. A transfer in from
/// another organisation counts as received here on the day it arrived (channel "transfer").</item>
/// <item><b>Responded</b>: closed requests whose response was sent in the month (by the response's sent date), every
/// right except complaints, whose legal limit is to acknowledge, not to answer. A request reopened for internal review
/// and not yet closed again is not counted until it closes again, then by its latest response.</item>
/// <item><b>On time (legal limit)</b>: responded on or before the legal limit (<see cref="Timeliness.OnTime"/>: the
/// limit is the end of its day); <b>late</b>: after it. The limit is the one the case holds when it closed (with its
/// extension and pauses).</item>
/// <item><b>Internal target</b>: of the responded requests that had an internal target (T7), those sent on or before
/// it; requests counted while the organisation had no target are left out of this figure.</item>
/// <item><b>Days to respond</b>: calendar days from received to response sent (<see cref="Timeliness.DaysToRespond"/>);
/// the median and 90th percentile are nearest-rank values (<see cref="Percentile"/>), each month on its own and the
/// whole period over all its responses together.</item>
/// <item><b>Extensions and pauses used</b>: of the responded requests, those extended (T5), those whose clock was
/// paused for clarification for at least one day (T6), and the paused days added up.</item>
/// <item><b>Outcomes</b>: the outcome of each response sent in the month (every right except complaints); withdrawals
/// and whole-request transfers out by the day they were recorded.</item>
/// <item><b>Refusal reasons</b>: responses refusing in whole or in part, by reason: for access and educational-record
/// requests each exemption applied to a record withheld or redacted (a response using two exemptions counts under
/// both); for other rights the recorded refusing decision; otherwise "reasons given in the letter only".</item>
/// <item><b>Complaints and internal reviews</b>: complaints received (by received date); complaints answered (closed,
/// by response date); internal reviews started (the day a case was reopened for review, as the audit trail records it).</item>
/// <item><b>Searches by service</b>: searches asked of each service in the period (by the day asked); of those, how
/// many the service has answered so far, how many of the answers came after the search's due date, and how many are
/// still unanswered.</item>
/// </list>
/// Every figure is aggregated by the database (SQLite) from covering indexes that hold the columns it needs
/// (Requests by received date, finished Requests by closing date, SearchTasks by organisation and date, AuditEvents
/// by organisation and action), one organisation at a time: no request row is read, none is loaded with its lists.
/// ADR 0009 has the figures measured on a million requests.
/// </remarks>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetDashboardFiguresQuery(string? Organisation = null, ReportMonth? From = null, ReportMonth? To = null) : IQuery<DashboardFigures>;

/// <summary>The figures for one scope and period; each list is one table of the dashboard and of its CSV export.</summary>
/// <param name="OrganisationCode">The organisation counted, or null when every organisation is.</param>
public sealed record DashboardFigures(
    string Scope,
    string? OrganisationCode,
    ReportingPeriod Period,
    IReadOnlyList<CountRow> ReceivedByRight,
    IReadOnlyList<CountRow> ReceivedByChannel,
    IReadOnlyList<TimelinessRow> Timeliness,
    IReadOnlyList<TimeUsedRow> ExtensionsAndPauses,
    IReadOnlyList<CountRow> Outcomes,
    IReadOnlyList<CountRow> RefusalReasons,
    IReadOnlyList<ComplaintsRow> ComplaintsAndReviews,
    IReadOnlyList<SearchServiceRow> SearchesByService)
{
    /// <summary>Requests received in each month (every right and channel together).</summary>
    public IReadOnlyList<int> ReceivedByMonth => [.. Period.Months.Select((_, i) => ReceivedByRight.Sum(r => r.ByMonth[i]))];
}

/// <summary>A labelled count for each month of the period, and the period's total.</summary>
public sealed record CountRow(string Label, IReadOnlyList<int> ByMonth, int Total);

/// <summary>Timeliness of responses sent in one month, or (with no <see cref="Month"/>) the whole period.</summary>
public sealed record TimelinessRow(
    ReportMonth? Month,
    int Responded,
    int OnTime,
    int Late,
    int? OnTimePercent,
    int WithTarget,
    int TargetMet,
    int TargetMissed,
    int? TargetMetPercent,
    int? MedianDays,
    int? Percentile90Days);

/// <summary>Extensions and pauses among the responses sent in one month, or the whole period.</summary>
public sealed record TimeUsedRow(ReportMonth? Month, int Responded, int Extended, int Paused, int DaysPaused);

/// <summary>Complaints received and answered, and internal reviews started, in one month or the whole period.</summary>
public sealed record ComplaintsRow(ReportMonth? Month, int ComplaintsReceived, int ComplaintsAnswered, int InternalReviewsStarted);

/// <summary>Searches asked of one service in the period, and what has become of them.</summary>
public sealed record SearchServiceRow(string Service, int Asked, int Answered, int AnsweredLate, int NotYetAnswered);

public sealed class GetDashboardFiguresValidator : AbstractValidator<GetDashboardFiguresQuery>
{
    public GetDashboardFiguresValidator(TimeProvider clock)
    {
        RuleFor(q => q.Organisation).MaximumLength(8).WithMessage("An organisation code is a few letters, like STK.");
        RuleFor(q => q).Must(q => Resolve(q, clock.UkToday()).To <= ReportMonth.Of(clock.UkToday()))
            .WithName(nameof(GetDashboardFiguresQuery.To)).WithMessage("Choose a month up to this one: there are no figures for the future yet.");
        RuleFor(q => q).Must(q => Resolve(q, clock.UkToday()) is var (from, to) && from <= to)
            .WithName(nameof(GetDashboardFiguresQuery.To)).WithMessage("The period must end in the same month it starts or later.");
        RuleFor(q => q).Must(q => Resolve(q, clock.UkToday()) is var (from, to) && from.MonthsUntil(to) < ReportingPeriod.MaxMonths)
            .WithName(nameof(GetDashboardFiguresQuery.From)).WithMessage($"Choose at most {ReportingPeriod.MaxMonths} months at a time.");
    }

    /// <summary>The months asked for, with the defaults: up to this month, twelve months long.</summary>
    internal static (ReportMonth From, ReportMonth To) Resolve(GetDashboardFiguresQuery q, DateOnly today)
    {
        var to = q.To ?? ReportMonth.Of(today);
        var from = q.From ?? to.AddMonths(-(ReportingPeriod.DefaultMonths - 1));
        return (from, to);
    }
}

internal sealed class GetDashboardFiguresHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetDashboardFiguresQuery, DashboardFigures>
{
    /// <summary>The audit action of a reopening for internal review: the command's type name, as the audit trail records it.</summary>
    internal const string ReopenedForReview = nameof(Casework.ReopenForReviewCommand);

    private const string Succeeded = "Succeeded";

    public async Task<DashboardFigures> Handle(GetDashboardFiguresQuery query, CancellationToken cancellationToken)
    {
        var today = clock.UkToday();
        var (from, to) = GetDashboardFiguresValidator.Resolve(query, today);
        var period = ReportingPeriod.Create(from, to, today);
        var (start, end) = (period.StartOn, period.EndOn);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var scope = await DashboardScope.ResolveAsync(db, actor, query.Organisation, cancellationToken);
        // Received: one row per (day, right, channel), bucketed into months here. One organisation at a time (as every
        // query below), so each is a range of its covering index read in order, never a sort.
        var received = new List<ReceivedDay>();
        foreach (var organisation in scope)
        {
            var organisationId = organisation.Id;
            received.AddRange(await db.Requests.AsNoTracking()
                .Where(r => r.OrganisationId == organisationId && r.ReceivedOn >= start && r.ReceivedOn <= end)
                .GroupBy(r => new { r.ReceivedOn, r.Right, r.Channel })
                .Select(g => new ReceivedDay(g.Key.ReceivedOn, g.Key.Right, g.Key.Channel, g.Count()))
                .ToListAsync(cancellationToken));
        }

        // Finished: every request closed, withdrawn or transferred out since the period began. ClosedOn is on or after
        // the sent date, so seeking ClosedOn >= start misses no response sent in the period. One pass per organisation
        // along the partial index IX_Requests_Finished, grouped in that index's own column order so SQLite aggregates
        // as it reads (no sorting); a few thousand rows of counts come back. Days to respond come back as a
        // comma-separated list (group_concat) per group.
        var finished = new List<FinishedGroup>();
        foreach (var organisation in scope)
        {
            var organisationId = organisation.Id;
            finished.AddRange(await db.Requests.AsNoTracking()
                .Where(r => r.OrganisationId == organisationId && r.ClosedOn >= start)
                .GroupBy(r => new { ClosedOn = r.ClosedOn!.Value, r.ResponseSentOn, r.Status, r.Right, r.Outcome, r.Decision, r.ExemptionsApplied })
                .Select(g => new FinishedGroup(
                    g.Key.ClosedOn,
                    g.Key.ResponseSentOn,
                    g.Key.Status,
                    g.Key.Right,
                    g.Key.Outcome,
                    g.Key.Decision,
                    g.Key.ExemptionsApplied,
                    g.Count(),
                    g.Count(x => x.ResponseSentOn <= x.DueOn),
                    g.Count(x => x.InternalTargetOn != null),
                    g.Count(x => x.ResponseSentOn <= x.InternalTargetOn),
                    g.Count(x => x.Extended),
                    g.Count(x => x.PausedDays > 0),
                    g.Sum(x => x.PausedDays),
                    string.Join(",", g.Select(x => (x.ResponseSentOn!.Value.DayNumber - x.ReceivedOn.DayNumber).ToString()))))
                .ToListAsync(cancellationToken));
        }

        // Internal reviews started: the audit trail's successful reopenings in the period, on its (OrganisationId, At)
        // index. The case timeline says the same (the two are written in one transaction), but it has no index to seek
        // by kind or date.
        var (startsAt, endsBefore) = (StartOfUkDay(start), StartOfUkDay(end.AddDays(1)));
        var organisationIds = scope.Select(o => (Guid?)o.Id).ToList();
        var reviews = await db.AuditEvents.AsNoTracking()
            .Where(e => organisationIds.Contains(e.OrganisationId) && e.At >= startsAt && e.At < endsBefore
                        && e.Action == ReopenedForReview && e.Outcome == Succeeded)
            .Select(e => e.At)
            .ToListAsync(cancellationToken);

        // Searches asked in the period, by service: asked, answered (so far), answered after their due date. Each search
        // carries its organisation, so this is one range of the (OrganisationId, AskedOn, ServiceName, CompletedOn,
        // DueOn) index per organisation, never a read of the requests. Searches belong to their request (an owned list),
        // which EF Core can only query through the request, so this one is written in SQL.
        var searches = new List<SearchTally>();
        foreach (var organisation in scope)
        {
            searches.AddRange(await db.Database.SqlQuery<SearchTally>($"""
                SELECT "ServiceName" AS "Service", COUNT(*) AS "Asked", COUNT("CompletedOn") AS "Answered",
                       COUNT(CASE WHEN "CompletedOn" > "DueOn" THEN 1 END) AS "AnsweredLate"
                FROM "SearchTasks"
                WHERE "OrganisationId" = {organisation.Id} AND "AskedOn" >= {start} AND "AskedOn" <= {end}
                GROUP BY "ServiceName"
                """).ToListAsync(cancellationToken));
        }

        searches = [.. searches.GroupBy(s => s.Service, StringComparer.Ordinal)
            .Select(g => new SearchTally(g.Key, g.Sum(s => s.Asked), g.Sum(s => s.Answered), g.Sum(s => s.AnsweredLate)))];

        // Everything below is arithmetic on those few hundred rows.
        var byRight = Enum.GetValues<Right>().ToDictionary(r => r, _ => new MonthlyTally(period));
        var byChannel = Enum.GetValues<Channel>().ToDictionary(c => c, _ => new MonthlyTally(period));
        var complaintsReceived = new MonthlyTally(period);
        foreach (var row in received)
        {
            byRight[row.Right].Add(row.ReceivedOn, row.Count);
            byChannel[row.Channel].Add(row.ReceivedOn, row.Count);
            if (row.Right == Right.Complaint) complaintsReceived.Add(row.ReceivedOn, row.Count);
        }

        var responded = new MonthlyTally(period);
        var onTime = new MonthlyTally(period);
        var withTarget = new MonthlyTally(period);
        var targetMet = new MonthlyTally(period);
        var extended = new MonthlyTally(period);
        var paused = new MonthlyTally(period);
        var daysPaused = new MonthlyTally(period);
        var complaintsAnswered = new MonthlyTally(period);
        var outcomes = new[] { Outcome.Complied, Outcome.PartlyComplied, Outcome.Refused, Outcome.NothingHeld }.ToDictionary(o => o, _ => new MonthlyTally(period));
        var withdrawn = new MonthlyTally(period);
        var transferred = new MonthlyTally(period);
        var distribution = new MonthlyDistribution(period);
        var refusalReasons = new SortedDictionary<string, MonthlyTally>(StringComparer.Ordinal);
        void AddReason(string reason, DateOnly on, int count)
        {
            if (!refusalReasons.TryGetValue(reason, out var tally)) refusalReasons[reason] = tally = new MonthlyTally(period);
            tally.Add(on, count);
        }

        foreach (var group in finished)
        {
            // Withdrawals and transfers out count on the day recorded; responses on the day sent.
            if (group.Status == RequestStatus.Withdrawn) withdrawn.Add(group.ClosedOn, group.Count);
            if (group.Status == RequestStatus.Transferred) transferred.Add(group.ClosedOn, group.Count);
            if (group.Status != RequestStatus.Closed || group.SentOn is not { } sent) continue;
            if (group.Right == Right.Complaint)
            {
                complaintsAnswered.Add(sent, group.Count);
                continue;
            }

            responded.Add(sent, group.Count);
            onTime.Add(sent, group.OnTime);
            withTarget.Add(sent, group.WithTarget);
            targetMet.Add(sent, group.TargetMet);
            extended.Add(sent, group.Extended);
            paused.Add(sent, group.Paused);
            daysPaused.Add(sent, group.DaysPaused);
            if (group.Outcome is { } outcome && outcomes.TryGetValue(outcome, out var tally)) tally.Add(sent, group.Count);
            AddEach(group.Days, sent, distribution);

            if (group.Outcome is not (Outcome.Refused or Outcome.PartlyComplied)) continue;
            if (group.Right is Right.Access or Right.EducationalRecord)
            {
                // Refusals of requests to see records: each exemption the response relied on (a response using two
                // counts under both); none recorded, the letter's reasons.
                if (group.ExemptionsApplied.Length == 0) AddReason(LetterOnly, sent, group.Count);
                foreach (var reason in group.ExemptionsApplied.Split(',', StringSplitOptions.RemoveEmptyEntries)
                             .Select(name => Enum.TryParse<Exemption>(name, out var exemption) && ExemptionBits.Contains(exemption)
                                 ? "Exemption: " + DisclosureItem.ExemptionName(exemption)
                                 : "Exemption: another exemption")
                             .Distinct())
                {
                    AddReason(reason, sent, group.Count);
                }
            }
            else
            {
                // Refusals of the other rights: the recorded refusing decision, else the letter's reasons.
                AddReason(group.Decision is { } kind && DecisionRules.OutcomesFor(kind).SequenceEqual([Outcome.Refused]) ? DecisionRules.Describe(kind) : LetterOnly, sent, group.Count);
            }
        }

        var reviewsStarted = new MonthlyTally(period);
        foreach (var at in reviews)
        {
            reviewsStarted.Add(UkTime.DateOf(at));
        }

        var timeliness = new List<TimelinessRow>();
        var timeUsed = new List<TimeUsedRow>();
        var complaints = new List<ComplaintsRow>();
        for (var i = 0; i <= period.Months.Count; i++)
        {
            var month = i < period.Months.Count ? period.Months[i] : (ReportMonth?)null;
            int At(MonthlyTally t) => month is null ? t.Total : t.ByMonth[i];
            var (r, o, w, m) = (At(responded), At(onTime), At(withTarget), At(targetMet));
            timeliness.Add(new TimelinessRow(month, r, o, r - o, Timeliness.Percent(o, r), w, m, w - m, Timeliness.Percent(m, w),
                month is null ? distribution.PercentileOverall(50) : distribution.Percentile(i, 50),
                month is null ? distribution.PercentileOverall(90) : distribution.Percentile(i, 90)));
            timeUsed.Add(new TimeUsedRow(month, r, At(extended), At(paused), At(daysPaused)));
            complaints.Add(new ComplaintsRow(month, At(complaintsReceived), At(complaintsAnswered), At(reviewsStarted)));
        }

        static CountRow Row(string label, MonthlyTally tally) => new(label, tally.ByMonth, tally.Total);

        return new DashboardFigures(
            DashboardScope.Describe(scope),
            scope.Count == 1 ? scope[0].Code : null,
            period,
            [.. byRight.Select(kv => Row(kv.Key.Describe(), kv.Value))],
            [.. byChannel.Select(kv => Row(ChannelLabel(kv.Key), kv.Value))],
            timeliness,
            timeUsed,
            [
                .. outcomes.Select(kv => Row(RightsRequest.OutcomeName(kv.Key), kv.Value)),
                Row("Withdrawn", withdrawn),
                Row("Transferred to another organisation", transferred),
            ],
            [.. refusalReasons.Select(kv => Row(kv.Key, kv.Value))],
            complaints,
            [.. searches.OrderBy(s => s.Service, StringComparer.Ordinal)
                .Select(s => new SearchServiceRow(s.Service, s.Asked, s.Answered, s.AnsweredLate, s.Asked - s.Answered))]);
    }

    /// <summary>The instant a UK calendar day begins (midnight in London, GMT or BST).</summary>
    private static DateTimeOffset StartOfUkDay(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), UkTime.Zone), TimeSpan.Zero);

    /// <summary>
    /// The requests of one organisation finished on one day and (for responses) sent on another, with the same status,
    /// right, outcome, decision and exemptions relied on, counted for each figure. Days lists each one's days to respond, comma-separated.
    /// </summary>
    private sealed record FinishedGroup(
        DateOnly ClosedOn,
        DateOnly? SentOn,
        RequestStatus Status,
        Right Right,
        Outcome? Outcome,
        DecisionKind? Decision,
        string ExemptionsApplied,
        int Count,
        int OnTime,
        int WithTarget,
        int TargetMet,
        int Extended,
        int Paused,
        int DaysPaused,
        string? Days);

    /// <summary>The requests of one organisation received on one day for one right by one channel.</summary>
    private sealed record ReceivedDay(DateOnly ReceivedOn, Right Right, Channel Channel, int Count);

    /// <summary>One service's searches in the period: asked, answered so far, answered after their due date.</summary>
    private sealed record SearchTally(string Service, int Asked, int Answered, int AnsweredLate);

    /// <summary>Adds each number of a comma-separated list (days to respond) to the distribution, without splitting the string.</summary>
    private static void AddEach(string? list, DateOnly sent, MonthlyDistribution distribution)
    {
        var rest = list.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var number = comma < 0 ? rest : rest[..comma];
            distribution.Add(sent, int.Parse(number, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture));
            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }
    }

    /// <summary>The exemptions named in the refusal reasons; any other counts as "another exemption". A test keeps it in step with the enum.</summary>
    internal static readonly Exemption[] ExemptionBits = [Exemption.ThirdParty, Exemption.SeriousHarm, Exemption.ChildAbuseData, Exemption.LegalPrivilege];

    internal const string LetterOnly = "Reasons given in the letter only (not recorded by category)";

    public static string ChannelLabel(Channel channel) => channel switch
    {
        Channel.WebForm => "Online form",
        Channel.Email => "Email",
        Channel.Letter => "Letter",
        Channel.Phone => "Phone",
        Channel.InPerson => "In person",
        Channel.SocialMedia => "Social media",
        Channel.Integration => "Another system (API)",
        Channel.Transfer => "Transferred from another organisation",
        _ => channel.ToString(),
    };
}
