using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>
/// The audit trail, newest first, one page at a time, filtered in the database: by case (its reference), by person
/// (the actor id from <see cref="GetAuditTrailFiltersQuery"/>), by action and by UK dates (inclusive). A DPO sees
/// their own organisation's rows; an administrator every row.
/// </summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetAuditTrailQuery(
    int Page = 0,
    int PageSize = 25,
    string? CaseReference = null,
    string? ActorId = null,
    string? Action = null,
    DateOnly? From = null,
    DateOnly? To = null) : IQuery<AuditTrailPage>;

/// <param name="CaseNotFound">A case reference was given but names no case this person may see, so no rows are shown.</param>
public sealed record AuditTrailPage(IReadOnlyList<AuditTrailRow> Rows, int Total, bool CaseNotFound = false);

/// <param name="CaseReference">The reference of the case the row names, when this person may see that case.</param>
/// <param name="OrganisationCode">The organisation the row belongs to (shown to administrators).</param>
public sealed record AuditTrailRow(
    long Id,
    DateTimeOffset At,
    string ActorId,
    string Actor,
    string Action,
    string ActionName,
    string Outcome,
    string? OrganisationCode,
    Guid? RequestId,
    string? CaseReference);

public sealed class GetAuditTrailValidator : AbstractValidator<GetAuditTrailQuery>
{
    public GetAuditTrailValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.CaseReference).MaximumLength(20).WithMessage("A case reference looks like STK-2026-000123.");
        RuleFor(q => q.ActorId).MaximumLength(450);
        RuleFor(q => q.Action).MaximumLength(120);
        RuleFor(q => q).Must(q => q.From is null || q.To is null || q.From <= q.To)
            .WithName("To").WithMessage("The 'to' date must be on or after the 'from' date.");
    }
}

internal sealed class GetAuditTrailHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetAuditTrailQuery, AuditTrailPage>
{
    public async Task<AuditTrailPage> Handle(GetAuditTrailQuery query, CancellationToken cancellationToken)
    {
        // Administrators see the whole trail; everyone else their own organisation's rows only.
        Guid? scope = actor.IsInRole(Roles.Administrator) ? null : actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var rows = db.AuditEvents.AsNoTracking();
        if (scope is { } organisationId)
        {
            rows = rows.Where(e => e.OrganisationId == organisationId);
        }

        if (!string.IsNullOrWhiteSpace(query.CaseReference))
        {
            // The reference is resolved only among the cases this person may see.
            var reference = query.CaseReference.Trim().ToUpperInvariant();
            var cases = db.Requests.AsNoTracking().Where(r => r.Reference == reference);
            if (scope is { } own)
            {
                cases = cases.Where(r => r.OrganisationId == own);
            }

            var requestIds = await cases.Select(r => (Guid?)r.Id).ToListAsync(cancellationToken);
            if (requestIds.Count == 0)
            {
                return new AuditTrailPage([], 0, CaseNotFound: true);
            }

            rows = rows.Where(e => requestIds.Contains(e.RequestId));
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            rows = rows.Where(e => e.ActorId == query.ActorId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            rows = rows.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            var start = UkStartOf(from);
            rows = rows.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = UkStartOf(to.AddDays(1));
            rows = rows.Where(e => e.At < end);
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(e => new { e.Id, e.At, e.ActorId, e.Action, e.Outcome, e.OrganisationId, e.RequestId })
            .ToListAsync(cancellationToken);

        var names = await AuditNames.StaffNamesAsync(db, page.Select(r => r.ActorId), cancellationToken);
        var organisationIds = page.Where(r => r.OrganisationId is not null).Select(r => r.OrganisationId!.Value).Distinct().ToList();
        var codes = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).Select(o => new { o.Id, o.Code })
            .ToDictionaryAsync(o => o.Id, o => o.Code, cancellationToken);
        var pageRequestIds = page.Where(r => r.RequestId is not null).Select(r => r.RequestId!.Value).Distinct().ToList();
        var visibleCases = db.Requests.AsNoTracking().Where(r => pageRequestIds.Contains(r.Id));
        if (scope is { } mine)
        {
            visibleCases = visibleCases.Where(r => r.OrganisationId == mine);
        }

        var references = await visibleCases.Select(r => new { r.Id, r.Reference }).ToDictionaryAsync(r => r.Id, r => r.Reference, cancellationToken);

        return new AuditTrailPage(
            page.Select(r => new AuditTrailRow(
                r.Id,
                r.At,
                r.ActorId,
                AuditNames.DescribeActor(r.ActorId, names),
                r.Action,
                AuditNames.DescribeAction(r.Action),
                r.Outcome,
                r.OrganisationId is { } o ? codes.GetValueOrDefault(o) : null,
                r.RequestId,
                r.RequestId is { } id ? references.GetValueOrDefault(id) : null)).ToList(),
            total);
    }

    /// <summary>The instant a UK calendar day starts (midnight in London, GMT or BST).</summary>
    internal static DateTimeOffset UkStartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, UkTime.Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
