using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Clock;

/// <summary>Recounting open requests after the calendars or settings they are counted on change.</summary>
internal static class OpenRequests
{
    /// <summary>
    /// Makes a change to an organisation's calendar or settings and recounts its open requests, all in one write
    /// transaction, so requests never show dates counted on settings that were not saved.
    /// </summary>
    public static async Task<int> ChangeAndRecountAsync(
        IDbContextFactory<PortalDb> dbs, PortalClock portalClock, Guid organisationId, Func<PortalDb, Task> change, bool strict, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await change(db);
        await db.SaveChangesAsync(ct);
        var recounted = await RecountOrganisationAsync(db, portalClock, organisationId, ct, strict);
        await tx.CommitAsync(ct);
        return recounted;
    }

    private static readonly RequestStatus[] Finished = [RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Transferred];

    /// <summary>Recounts the deadlines of every open request whose organisation uses one of these holiday regions.</summary>
    public static async Task<int> RecountAsync(PortalDb db, PortalClock portalClock, IEnumerable<HolidayRegion> regions, CancellationToken ct)
    {
        var affected = regions.ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => affected.Contains(o.HolidayRegion)).Select(o => o.Id).ToListAsync(ct);
        var count = 0;
        foreach (var organisationId in organisations)
        {
            count += await RecountOrganisationAsync(db, portalClock, organisationId, ct, strict: false);
        }

        return count;
    }

    /// <summary>
    /// Recounts one organisation's open requests inside the caller's transaction. With <paramref name="strict"/>, a
    /// request the new settings cannot count (for example a school calendar that no longer covers it) refuses the
    /// change; otherwise that request keeps its dates and is left for a caseworker.
    /// </summary>
    public static async Task<int> RecountOrganisationAsync(PortalDb db, PortalClock portalClock, Guid organisationId, CancellationToken ct, bool strict = true)
    {
        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, organisationId, ct, uncached: true);
        var requests = await db.Requests.Where(r => r.OrganisationId == organisationId && !Finished.Contains(r.Status)).ToListAsync(ct);
        var recounted = 0;
        foreach (var request in requests)
        {
            try
            {
                request.Recompute(calculator, settings);
                recounted++;
            }
            catch (Domain.DomainRuleException) when (!strict)
            {
                db.Entry(request).State = EntityState.Unchanged;
            }
        }

        await db.SaveChangesAsync(ct);
        return recounted;
    }
}
