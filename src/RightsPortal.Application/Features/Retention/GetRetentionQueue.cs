using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>A record past its date that waits for the DPO, or is held; what it is, since when, and why.</summary>
public sealed record RetentionQueueItem(
    Guid RequestId,
    string Reference,
    Right Right,
    DateOnly? ClosedOn,
    PortalRecordKind Kind,
    string RecordName,
    DateOnly DueSince,
    DueDisposition Disposition,
    string Rule,
    IReadOnlyList<string> Holds,
    string Explanation);

/// <summary>A case destroyed under the schedule: its tombstone, with no personal data.</summary>
public sealed record DestroyedCase(string Reference, Right Right, DateOnly ReceivedOn, DateOnly? ClosedOn, Outcome? Outcome, string Rule, string ApprovedBy, DateTimeOffset DestroyedAt);

/// <summary>A DPO decision already taken on a due record.</summary>
public sealed record RetentionDecisionView(string? Reference, string RecordName, RetentionReviewDecision Decision, string? Reason, DateOnly? KeepUntil, string DecidedBy, DateTimeOffset DecidedAt);

/// <param name="ForReview">The longest waiting, up to <see cref="GetRetentionQueueHandler.Shown"/>; <paramref name="ForReviewTotal"/> counts them all.</param>
public sealed record RetentionQueue(
    DateOnly Today,
    IReadOnlyList<RetentionQueueItem> ForReview,
    int ForReviewTotal,
    IReadOnlyList<RetentionQueueItem> Held,
    int HeldTotal,
    int WaitingForSweep,
    IReadOnlyList<RetentionDecisionView> RecentDecisions,
    IReadOnlyList<DestroyedCase> RecentlyDestroyed);

/// <summary>
/// The DPO's retention queue: what has reached its date and waits for a decision (oldest first), what is held and by
/// what, how many items the next sweep will destroy, the latest decisions, and the latest destructions.
/// </summary>
[RequiresRole(Roles.Dpo)]
public sealed record GetRetentionQueueQuery : IQuery<RetentionQueue>;

internal sealed class GetRetentionQueueHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<GetRetentionQueueQuery, RetentionQueue>
{
    /// <summary>How many of the latest decisions and destructions the page lists.</summary>
    public const int Recent = 50;

    /// <summary>How many items waiting for review, and held, the page lists at once (the longest waiting first).</summary>
    public const int Shown = 100;

    public async Task<RetentionQueue> Handle(GetRetentionQueueQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("The retention queue belongs to a DPO of an organisation.");
        var today = clock.UkToday();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var due = await FindDueRecords.ForOrganisationAsync(db, organisationId, today, cancellationToken);
        RetentionQueueItem View(DueRecord d) => new(d.RequestId, d.Reference, d.Right, d.ClosedOn, d.Item.Kind, d.Item.Rule.Name, d.Item.DueSince,
            d.Item.Disposition, d.Item.Rule.Describe(), [.. d.Item.Holds.Select(h => h.Explanation)], d.Item.Explanation);

        var decisions = await db.RetentionReviews.AsNoTracking().Where(r => r.OrganisationId == organisationId)
            .OrderByDescending(r => r.DecidedAt).Take(Recent).ToListAsync(cancellationToken);
        var destroyed = await db.Requests.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && r.DestroyedAt != null)
            .OrderByDescending(r => r.DestroyedAt).Take(Recent)
            .Select(r => new DestroyedCase(r.Reference, r.Right, r.ReceivedOn, r.ClosedOn, r.Outcome, r.DestroyedUnderRule ?? "", r.DestructionApprovedBy ?? "", r.DestroyedAt!.Value))
            .ToListAsync(cancellationToken);

        var review = due.Where(d => d.Item.Disposition == DueDisposition.ReviewByDpo).OrderBy(d => d.Item.DueSince).ThenBy(d => d.Reference, StringComparer.Ordinal).ToList();
        var held = due.Where(d => d.Item.Disposition == DueDisposition.Held).OrderBy(d => d.Item.DueSince).ThenBy(d => d.Reference, StringComparer.Ordinal).ToList();
        return new RetentionQueue(
            today,
            [.. review.Take(Shown).Select(View)],
            review.Count,
            [.. held.Take(Shown).Select(View)],
            held.Count,
            due.Count(d => d.Item.Disposition == DueDisposition.DestroyAutomatically),
            [.. decisions.Select(r => new RetentionDecisionView(r.Reference, PortalRecordCatalogue.Default(r.Kind).Name, r.Decision, r.Reason, r.KeepUntil, r.DecidedBy, r.DecidedAt))],
            destroyed);
    }
}
