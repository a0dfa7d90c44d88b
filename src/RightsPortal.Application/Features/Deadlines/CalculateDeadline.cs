using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Deadlines;

/// <summary>
/// "When is this due, and why?": the statutory clock for any right, for the staff calculator page and the
/// anonymous integration endpoint. With an organisation, its holiday region, readings, internal target and
/// school calendar apply; a reading given here overrides the organisation's.
/// </summary>
[PublicRequest]
public sealed record CalculateDeadlineQuery(
    Right Right,
    DateOnly Received,
    DateOnly? Started = null,
    bool Extended = false,
    IReadOnlyList<ClarificationPause>? Pauses = null,
    string? Reading = null,
    string? OrganisationCode = null) : IQuery<DeadlineAnswer>;

public sealed record DeadlineAnswer(
    Right Right,
    DateOnly Received,
    DateOnly Start,
    DateOnly DueOn,
    DateOnly? ExtensionNoticeBy,
    int PausedDays,
    DateOnly? InternalTargetOn,
    bool Statutory,
    string? Organisation,
    HolidayRegion HolidayRegion,
    string Reading,
    IReadOnlyList<string> Explanation);

/// <summary>The names rights have in addresses and the API, exactly as published.</summary>
public static class RightSlugs
{
    private static readonly Dictionary<string, Right> BySlug = new(StringComparer.Ordinal)
    {
        ["access"] = Right.Access,
        ["rectification"] = Right.Rectification,
        ["erasure"] = Right.Erasure,
        ["restriction"] = Right.Restriction,
        ["objection"] = Right.Objection,
        ["portability"] = Right.Portability,
        ["automated-decision"] = Right.AutomatedDecision,
        ["educational-record"] = Right.EducationalRecord,
        ["complaint-acknowledgement"] = Right.Complaint,
    };

    public static IReadOnlyCollection<string> All => BySlug.Keys;

    public static bool TryParse(string? slug, out Right right) => BySlug.TryGetValue(slug ?? "", out right);

    public static string Slug(this Right right) => BySlug.First(kv => kv.Value == right).Key;
}

internal sealed class CalculateDeadlineHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock)
    : IRequestHandler<CalculateDeadlineQuery, DeadlineAnswer>
{
    public async Task<DeadlineAnswer> Handle(CalculateDeadlineQuery query, CancellationToken cancellationToken)
    {
        ClockSettings settings;
        DeadlineCalculator calculator;
        string? organisationName = null;
        var region = HolidayRegion.EnglandAndWales;
        if (!string.IsNullOrWhiteSpace(query.OrganisationCode))
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var code = query.OrganisationCode.Trim().ToUpperInvariant();
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Code == code)
                .Select(o => new { o.Id, o.Name, o.HolidayRegion }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("organisation");
            (settings, calculator) = await portalClock.ForOrganisationAsync(db, organisation.Id, cancellationToken);
            organisationName = organisation.Name;
            region = organisation.HolidayRegion;
        }
        else
        {
            calculator = await portalClock.CalculatorAsync(region, cancellationToken);
            settings = new ClockSettings(calculator.Holidays);
        }

        var pauseReading = query.Reading switch { "ico" => PauseReading.Ico, "statutory" => PauseReading.Statutory, _ => settings.PauseReading };
        var complaintReading = query.Reading switch { "ico" => ComplaintReading.Ico, "statutory" => ComplaintReading.Statutory, _ => settings.ComplaintReading };
        var (deadline, explanation) = calculator.Explain(new DeadlineQuestion(
            query.Right, query.Received, query.Started, query.Extended, query.Pauses, pauseReading, complaintReading,
            settings.InternalTarget, settings.SchoolCalendar));

        var reading = query.Right == Right.Complaint
            ? (complaintReading == ComplaintReading.Ico ? "ico" : "statutory")
            : (pauseReading == PauseReading.Ico ? "ico" : "statutory");
        return new DeadlineAnswer(deadline.Right, deadline.Received, deadline.Start, deadline.DueOn, deadline.ExtensionNoticeBy,
            deadline.PausedDays, deadline.InternalTargetOn, deadline.Statutory, organisationName, region, reading, explanation);
    }
}
