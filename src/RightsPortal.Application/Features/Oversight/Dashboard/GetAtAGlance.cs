using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Oversight.Dashboard;

/// <summary>
/// "Is anything going to be late?": the open cases a DPO should look at today, list by list, soonest legal limit
/// first. Each list holds at most <see cref="RowsPerList"/> rows and says how many there are in all.
/// </summary>
/// <remarks>
/// "Today" is the UK date. "The next five working days" runs from today to the fifth working day after it by each
/// organisation's own bank holidays (<see cref="Timeliness.WorkingDaysAhead"/>). A request's clock is running unless it
/// waits for ID or authority, for a fee, or for the family's clarification: those restart or move the legal limit when
/// they end, so they have their own lists and are never "overdue" meanwhile. A request reopened for internal review
/// has had its response (its legal limit has been met or missed already), so it is not listed as due or overdue again.
/// <list type="bullet">
/// <item><b>Due soon / overdue</b>: one-calendar-month rights with a running clock, legal limit within the next five
/// working days / before today (the limit is the end of its day, so a request due today is not overdue).</item>
/// <item><b>Paused</b>: access requests waiting for clarification, with the day it was asked for.</item>
/// <item><b>Extended</b>: open requests whose limit was extended, with the day it was decided.</item>
/// <item><b>Waiting for ID</b>: requests waiting for proof of identity or authority.</item>
/// <item><b>Complaints</b>: complaints not yet taken up (still "received": no caseworker has acted on them, so not
/// acknowledged) whose 30-day acknowledgement date is within the next five working days / before today.</item>
/// <item><b>Educational records</b>: parents' educational-record requests with a running clock, 15-school-day limit
/// within the next five working days / before today.</item>
/// </list>
/// Each list is two small queries (a count and the first rows) per organisation on the (OrganisationId, Status, DueOn) index.
/// </remarks>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetAtAGlanceQuery(string? Organisation = null, int RowsPerList = GetAtAGlanceQuery.DefaultRows) : IQuery<AtAGlance>
{
    public const int DefaultRows = 50;

    /// <summary>The most rows one list returns (the CSV export asks for this many).</summary>
    public const int MaxRows = 5000;
}

/// <param name="CanOpenCases">The person may open the cases (a caseworker or DPO of the organisation), so rows link to them.</param>
/// <param name="SeveralOrganisations">More than one organisation is counted, so rows say whose they are.</param>
/// <param name="OrganisationCode">The organisation counted, or null when every organisation is.</param>
public sealed record AtAGlance(string Scope, string? OrganisationCode, DateOnly Today, bool CanOpenCases, bool SeveralOrganisations, IReadOnlyList<GlanceList> Lists)
{
    public GlanceList this[string key] => Lists.Single(l => l.Key == key);
}

/// <summary>One list at a glance: what it holds, how many in all, and the first rows.</summary>
public sealed record GlanceList(string Key, string Group, string Title, string Explanation, int Total, IReadOnlyList<GlanceRow> Rows);

/// <param name="Since">Paused: the day clarification was asked for; extended: the day the extension was decided.</param>
/// <param name="DaysLeft">Days from today to the limit: 0 due today, negative overdue by that many days.</param>
public sealed record GlanceRow(
    Guid Id,
    string Reference,
    string Organisation,
    Right Right,
    RequestStatus Status,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    DateOnly? Since,
    int DaysLeft);

/// <summary>The headings the lists at a glance sit under, and what each list shows beside its limit.</summary>
public static class GlanceGroups
{
    public const string Requests = "Requests (one calendar month)";
    public const string Complaints = "Complaints (acknowledge within 30 days)";
    public const string EducationalRecords = "Parents' educational-record requests (15 school days)";

    /// <summary>Lists whose legal limit is not final: it moves (or the clock restarts) when the family answers.</summary>
    public static bool LimitMoves(string key) => key is "paused" or "awaiting-id";

    /// <summary>The heading of the list's extra date column, if it has one.</summary>
    public static string? SinceHeading(string key) => key switch { "paused" => "Paused since", "extended" => "Extended on", _ => null };

    /// <summary>The heading of the limit column.</summary>
    public static string LimitHeading(string group, string key) =>
        group == Complaints ? "Acknowledge by" : LimitMoves(key) ? "Legal limit (moves when it arrives)" : "Legal limit";
}

public sealed class GetAtAGlanceValidator : AbstractValidator<GetAtAGlanceQuery>
{
    public GetAtAGlanceValidator()
    {
        RuleFor(q => q.Organisation).MaximumLength(8).WithMessage("An organisation code is a few letters, like STK.");
        RuleFor(q => q.RowsPerList).InclusiveBetween(1, GetAtAGlanceQuery.MaxRows);
    }
}

internal sealed class GetAtAGlanceHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock, PortalClock portalClock)
    : IRequestHandler<GetAtAGlanceQuery, AtAGlance>
{
    public const int WorkingDaysAhead = 5;

    /// <summary>Statuses in which the legal limit is counting down (the rest wait for the family, or are finished).</summary>
    private static readonly RequestStatus[] Running = [RequestStatus.Received, RequestStatus.InProgress, RequestStatus.Extended, RequestStatus.ResponseDrafted];

    private static readonly RequestStatus[] Open = [.. Enum.GetValues<RequestStatus>().Where(s => !s.IsFinished())];

    private static readonly Right[] OneMonthRights = [.. Enum.GetValues<Right>().Where(DeadlineRules.IsOneMonthRight)];

    public async Task<AtAGlance> Handle(GetAtAGlanceQuery query, CancellationToken cancellationToken)
    {
        var today = clock.UkToday();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var scope = await DashboardScope.ResolveAsync(db, actor, query.Organisation, cancellationToken);
        var codes = scope.ToDictionary(o => o.Id, o => o.Code);

        // The five-working-day horizon depends on each organisation's bank holidays. Organisations are taken one at a
        // time: an equality on OrganisationId lets SQLite seek (OrganisationId, Status, DueOn) for each status, where
        // an IN list of organisations and one of statuses can make it scan the table instead.
        var organisations = new List<(IReadOnlyList<ScopedOrganisation> Organisations, DateOnly Horizon)>();
        foreach (var organisation in scope)
        {
            var holidays = await portalClock.HolidaysAsync(organisation.HolidayRegion, cancellationToken);
            organisations.Add(([organisation], Timeliness.WorkingDaysAhead(today, WorkingDaysAhead, holidays)));
        }

        var rows = query.RowsPerList;
        var lists = new List<GlanceList>
        {
            await ListAsync(db, "due-soon", GlanceGroups.Requests, "Due in the next 5 working days",
                "Requests to see, correct, delete, limit, object, transfer or challenge a decision whose legal limit falls in the next five working days.",
                organisations, (q, horizon) => q.Where(r => OneMonthRights.Contains(r.Right) && Running.Contains(r.Status) && r.ResponseSentOn == null && r.DueOn >= today && r.DueOn <= horizon), codes, today, rows, cancellationToken),
            await ListAsync(db, "overdue", GlanceGroups.Requests, "Overdue",
                "Past the legal limit and not yet answered. Requests waiting for ID, a fee or clarification are listed apart: their limit moves when that arrives.",
                organisations, (q, _) => q.Where(r => OneMonthRights.Contains(r.Right) && Running.Contains(r.Status) && r.ResponseSentOn == null && r.DueOn < today), codes, today, rows, cancellationToken),
            await ListAsync(db, "paused", GlanceGroups.Requests, "Paused for clarification",
                "The clock is stopped until the family says what they are asking for; the legal limit moves later by each day it lasts.",
                organisations, (q, _) => q.Where(r => r.Status == RequestStatus.ClarificationRequested), codes, today, rows, cancellationToken, since: Since.Paused),
            await ListAsync(db, "extended", GlanceGroups.Requests, "Extended",
                "Open requests whose legal limit was extended by up to two months.",
                organisations, (q, _) => q.Where(r => Open.Contains(r.Status) && r.Extended), codes, today, rows, cancellationToken, since: Since.Extended),
            await ListAsync(db, "awaiting-id", GlanceGroups.Requests, "Waiting for ID or authority",
                "Work waits for proof of identity or of authority to act; the clock starts again on the day it arrives.",
                organisations, (q, _) => q.Where(r => r.Status == RequestStatus.AwaitingIdentity), codes, today, rows, cancellationToken),
            await ListAsync(db, "complaints-due-soon", GlanceGroups.Complaints, "To acknowledge in the next 5 working days",
                "Complaints no caseworker has taken up yet, whose 30 days to acknowledge end in the next five working days.",
                organisations, (q, horizon) => q.Where(r => r.Right == Right.Complaint && r.Status == RequestStatus.Received && r.DueOn >= today && r.DueOn <= horizon), codes, today, rows, cancellationToken),
            await ListAsync(db, "complaints-overdue", GlanceGroups.Complaints, "Not acknowledged in time",
                "Complaints no caseworker has taken up yet, past their 30 days to acknowledge.",
                organisations, (q, _) => q.Where(r => r.Right == Right.Complaint && r.Status == RequestStatus.Received && r.DueOn < today), codes, today, rows, cancellationToken),
            await ListAsync(db, "educational-records-due-soon", GlanceGroups.EducationalRecords, "Due in the next 5 working days",
                "Parents' requests to see an educational record whose 15 school days end in the next five working days.",
                organisations, (q, horizon) => q.Where(r => r.Right == Right.EducationalRecord && Running.Contains(r.Status) && r.ResponseSentOn == null && r.DueOn >= today && r.DueOn <= horizon), codes, today, rows, cancellationToken),
            await ListAsync(db, "educational-records-overdue", GlanceGroups.EducationalRecords, "Overdue",
                "Parents' educational-record requests past their 15 school days.",
                organisations, (q, _) => q.Where(r => r.Right == Right.EducationalRecord && Running.Contains(r.Status) && r.ResponseSentOn == null && r.DueOn < today), codes, today, rows, cancellationToken),
        };

        var canOpenCases = scope.Count == 1 && actor.OrganisationId == scope[0].Id && (actor.IsInRole(Roles.Dpo) || actor.IsInRole(Roles.Caseworker));
        return new AtAGlance(DashboardScope.Describe(scope), scope.Count == 1 ? scope[0].Code : null, today, canOpenCases, scope.Count > 1, lists);
    }

    private enum Since
    {
        None,
        Paused,
        Extended,
    }

    private static async Task<GlanceList> ListAsync(
        PortalDb db,
        string key,
        string group,
        string title,
        string explanation,
        IReadOnlyList<(IReadOnlyList<ScopedOrganisation> Organisations, DateOnly Horizon)> organisations,
        Func<IQueryable<RightsRequest>, DateOnly, IQueryable<RightsRequest>> filter,
        Dictionary<Guid, string> codes,
        DateOnly today,
        int take,
        CancellationToken ct,
        Since since = Since.None)
    {
        var total = 0;
        var found = new List<GlanceRow>();
        foreach (var (organisation, horizon) in organisations)
        {
            var matching = filter(db.Requests.AsNoTracking().InScope(organisation), horizon);
            total += await matching.CountAsync(ct);
            var first = await matching
                .OrderBy(r => r.DueOn).ThenBy(r => r.Reference)
                .Take(take)
                .Select(r => new
                {
                    r.Id,
                    r.Reference,
                    r.OrganisationId,
                    r.Right,
                    r.Status,
                    r.ReceivedOn,
                    r.DueOn,
                    PausedSince = r.Pauses.Where(p => p.AnsweredOn == null).Select(p => (DateOnly?)p.AskedOn).FirstOrDefault(),
                    r.ExtendedOn,
                })
                .ToListAsync(ct);
            found.AddRange(first.Select(r => new GlanceRow(r.Id, r.Reference, codes[r.OrganisationId], r.Right, r.Status, r.ReceivedOn, r.DueOn,
                since switch { Since.Paused => r.PausedSince, Since.Extended => r.ExtendedOn, _ => null },
                r.DueOn.DayNumber - today.DayNumber)));
        }

        return new GlanceList(key, group, title, explanation, total,
            [.. found.OrderBy(r => r.DueOn).ThenBy(r => r.Reference, StringComparer.Ordinal).Take(take)]);
    }
}
