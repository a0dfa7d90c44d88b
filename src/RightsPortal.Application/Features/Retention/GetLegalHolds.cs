using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>One legal hold as the DPO sees it: what it holds, why, who placed it and when, and its release.</summary>
public sealed record LegalHoldView(
    Guid Id,
    LegalHoldKind Kind,
    string KindName,
    string? CaseReference,
    string? ChildName,
    DateOnly? ChildDateOfBirth,
    string Reason,
    string PlacedBy,
    DateTimeOffset PlacedAt,
    string? ReleasedBy,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason)
{
    public bool InForce => ReleasedAt is null;
}

/// <summary>The DPO's organisation's legal holds: those in force first, then released ones, newest first.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record GetLegalHoldsQuery : IQuery<IReadOnlyList<LegalHoldView>>;

internal sealed class GetLegalHoldsHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetLegalHoldsQuery, IReadOnlyList<LegalHoldView>>
{
    public async Task<IReadOnlyList<LegalHoldView>> Handle(GetLegalHoldsQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("Legal holds are placed by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.OrganisationId == organisationId).ToListAsync(cancellationToken);
        var requestIds = holds.Where(h => h.RequestId is not null).Select(h => h.RequestId!.Value).Distinct().ToList();
        var references = await db.Requests.AsNoTracking().Where(r => requestIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Reference }).ToDictionaryAsync(r => r.Id, r => r.Reference, cancellationToken);
        var names = await Oversight.AuditNames.StaffNamesAsync(db, holds.Select(h => h.PlacedBy).Concat(holds.Where(h => h.ReleasedBy is not null).Select(h => h.ReleasedBy!)), cancellationToken);
        string Name(string id) => names.GetValueOrDefault(id) is { Length: > 0 } name ? name : "A member of staff who has left";

        return [.. holds
            .OrderBy(h => h.IsInForce ? 0 : 1)
            .ThenByDescending(h => h.PlacedAt)
            .Select(h => new LegalHoldView(
                h.Id, h.Kind, LegalHold.KindName(h.Kind),
                h.RequestId is { } id ? references.GetValueOrDefault(id, "a case no longer in the portal") : null,
                h.ChildName, h.ChildDateOfBirth, h.Reason,
                Name(h.PlacedBy), h.PlacedAt,
                h.ReleasedBy is { } releasedBy ? Name(releasedBy) : null, h.ReleasedAt, h.ReleaseReason))];
    }
}
