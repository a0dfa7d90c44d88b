using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>Where one of a family's own requests stands after they changed it.</summary>
public sealed record MyRequestChanged(string Reference, string Status, bool Finished, DateOnly HearByOn);

/// <summary>
/// The family's equivalent of <see cref="Casework.CaseChanges"/>: load one of the signed-in family's own requests by
/// its reference (another family's reference is simply not found), apply one domain method with its organisation's
/// clock, save. The family is recorded as "family", never by address.
/// </summary>
internal static class FamilyCaseChange
{
    public const string ActorId = "family";

    public static async Task<MyRequestChanged> ApplyAsync(
        IDbContextFactory<PortalDb> dbs, PortalClock portalClock, ICurrentActor actor, TimeProvider clock,
        string reference, Action<RightsRequest, CaseContext> apply, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var request = await FamilyRequests.FindOwnAsync(db.Requests, actor, reference, ct);

        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, request.OrganisationId, ct);
        apply(request, new CaseContext(ActorId, clock.GetUtcNow(), clock.UkToday(), calculator, settings));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        return new MyRequestChanged(request.Reference, request.Status.Describe(), request.Status.IsFinished(), request.DueOn);
    }
}
