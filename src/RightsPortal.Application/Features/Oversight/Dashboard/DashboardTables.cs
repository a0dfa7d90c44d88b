using System.Globalization;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Oversight.Dashboard;

/// <summary>
/// One table of the dashboard as plain cells: the page shows exactly these, and the CSV export writes exactly these.
/// Numbers are written without separators; a cell with no value (a percentage of nothing) is null.
/// </summary>
/// <param name="Key">Its name in the export address, e.g. "received-by-right".</param>
/// <param name="Caption">What the table counts, said once for the page's caption and the figures' definitions.</param>
/// <param name="FirstColumnIsLabel">The first column names the row (a right, a month); the others are counts.</param>
public sealed record FigureTable(
    string Key,
    string Title,
    string Caption,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    bool FirstColumnIsLabel = true);

/// <summary>The dashboard's tables, by key, from the figures and from the lists at a glance.</summary>
public static class DashboardTables
{
    public const string ReceivedByRight = "received-by-right";
    public const string ReceivedByChannel = "received-by-channel";
    public const string Timeliness = "timeliness";
    public const string ExtensionsAndPauses = "extensions-and-pauses";
    public const string Outcomes = "outcomes";
    public const string RefusalReasons = "refusal-reasons";
    public const string ComplaintsAndReviews = "complaints-and-reviews";
    public const string SearchesByService = "searches-by-service";

    public static readonly IReadOnlyList<string> FigureKeys =
        [ReceivedByRight, ReceivedByChannel, Timeliness, ExtensionsAndPauses, Outcomes, RefusalReasons, ComplaintsAndReviews, SearchesByService];

    public static readonly IReadOnlyList<string> GlanceKeys =
        ["due-soon", "overdue", "paused", "extended", "awaiting-id", "complaints-due-soon", "complaints-overdue", "educational-records-due-soon", "educational-records-overdue"];

    public static IReadOnlyList<FigureTable> Of(DashboardFigures f)
    {
        var period = f.Period.Describe();
        IReadOnlyList<string> months = [.. f.Period.Months.Select(m => m.Label)];
        return
        [
            Counts(ReceivedByRight, "Requests received, by right", $"Requests received in each month, by the right asked for. {period}.",
                "Right", months, f.ReceivedByRight, "All requests"),
            Counts(ReceivedByChannel, "Requests received, by channel", $"Requests received in each month, by how they reached the organisation. {period}.",
                "Channel", months, f.ReceivedByChannel, "All requests"),
            new FigureTable(Timeliness, "Responses on time",
                $"Responses sent in each month (every right except complaints): on time means sent on or before the legal limit. Days to respond are calendar days from received to sent; the median and 90th percentile are values that occurred. {period}.",
                ["Month", "Responses sent", "On time (legal limit)", "Late", "On time (%)", "With an internal target", "Internal target met", "Internal target missed", "Internal target met (%)", "Median days to respond", "90th percentile days to respond"],
                [.. f.Timeliness.Select(t => Cells(MonthLabel(t.Month), t.Responded, t.OnTime, t.Late, t.OnTimePercent, t.WithTarget, t.TargetMet, t.TargetMissed, t.TargetMetPercent, t.MedianDays, t.Percentile90Days))]),
            new FigureTable(ExtensionsAndPauses, "Extensions and pauses used",
                $"Of the responses sent in each month, how many had been extended, how many had their clock paused for clarification for at least a day, and the paused days added up. {period}.",
                ["Month", "Responses sent", "Extended", "Paused for clarification", "Days paused"],
                [.. f.ExtensionsAndPauses.Select(t => Cells(MonthLabel(t.Month), t.Responded, t.Extended, t.Paused, t.DaysPaused))]),
            Counts(Outcomes, "How requests ended",
                $"The outcome of each response sent in the month (every right except complaints), and requests withdrawn or transferred whole to another organisation in the month. {period}.",
                "Outcome", months, f.Outcomes, "All endings"),
            Counts(RefusalReasons, "Refusals, by reason",
                $"Responses refusing in whole or in part, by reason: the exemption applied to a record withheld or redacted, or the recorded decision. A response using two exemptions is counted under both. {period}.",
                "Reason", months, f.RefusalReasons, total: null),
            new FigureTable(ComplaintsAndReviews, "Complaints and internal reviews",
                $"Data-protection complaints received and answered in each month, and requests reopened for an internal review of their response. {period}.",
                ["Month", "Complaints received", "Complaints answered", "Internal reviews started"],
                [.. f.ComplaintsAndReviews.Select(c => Cells(MonthLabel(c.Month), c.ComplaintsReceived, c.ComplaintsAnswered, c.InternalReviewsStarted))]),
            new FigureTable(SearchesByService, "Searches by service",
                $"Searches asked of each service in the period, and what has become of them so far: answered, answered after the date asked for, not yet answered. {period}.",
                ["Service", "Searches asked", "Answered", "Answered late", "Not yet answered"],
                [
                    .. f.SearchesByService.Select(s => Cells(s.Service, s.Asked, s.Answered, s.AnsweredLate, s.NotYetAnswered)),
                    .. f.SearchesByService.Count == 0 ? Array.Empty<IReadOnlyList<string?>>()
                        : [Cells("All services", f.SearchesByService.Sum(s => s.Asked), f.SearchesByService.Sum(s => s.Answered), f.SearchesByService.Sum(s => s.AnsweredLate), f.SearchesByService.Sum(s => s.NotYetAnswered))],
                ]),
        ];
    }

    /// <summary>A list at a glance as a table (dates as YYYY-MM-DD), with the organisation column when several are counted.</summary>
    public static FigureTable Of(GlanceList list, bool withOrganisation)
    {
        var since = GlanceGroups.SinceHeading(list.Key);
        var countdown = !GlanceGroups.LimitMoves(list.Key);
        var columns = new List<string> { "Reference" };
        if (withOrganisation) columns.Add("Organisation");
        columns.AddRange(["Right", "Status", "Received", GlanceGroups.LimitHeading(list.Group, list.Key)]);
        if (since is not null) columns.Add(since);
        if (countdown) columns.AddRange(["Days left", "Days overdue"]);

        var rows = list.Rows.Select(r =>
        {
            var cells = new List<string?> { r.Reference };
            if (withOrganisation) cells.Add(r.Organisation);
            cells.AddRange([r.Right.Describe(), r.Status.Describe(), UkDates.Iso(r.ReceivedOn), UkDates.Iso(r.DueOn)]);
            if (since is not null) cells.Add(r.Since is { } s ? UkDates.Iso(s) : null);
            if (countdown) cells.AddRange([r.DaysLeft >= 0 ? Number(r.DaysLeft) : null, r.DaysLeft < 0 ? Number(-r.DaysLeft) : null]);
            return (IReadOnlyList<string?>)cells;
        }).ToList();
        return new FigureTable(list.Key, $"{list.Group}: {list.Title}", list.Explanation, columns, rows);
    }

    private static FigureTable Counts(string key, string title, string caption, string first, IReadOnlyList<string> months, IReadOnlyList<CountRow> rows, string? total)
    {
        IReadOnlyList<string> columns = [first, .. months, "Total"];
        var cells = rows.Select(r => Cells([r.Label, .. r.ByMonth.Select(n => (int?)n), r.Total])).ToList();
        if (total is not null && rows.Count > 0)
        {
            cells.Add(Cells([total, .. months.Select((_, i) => (int?)rows.Sum(r => r.ByMonth[i])), rows.Sum(r => r.Total)]));
        }

        return new FigureTable(key, title, caption, columns, cells);
    }

    private static IReadOnlyList<string?> Cells(string label, params int?[] numbers) => [label, .. numbers.Select(n => n is { } v ? Number(v) : null)];

    private static IReadOnlyList<string?> Cells(object?[] values) =>
        [.. values.Select(v => v switch { null => null, int n => Number(n), string s => s, _ => Convert.ToString(v, CultureInfo.InvariantCulture) })];

    private static string MonthLabel(ReportMonth? month) => month?.Label ?? "Whole period";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
