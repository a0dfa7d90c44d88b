using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Oversight.Dashboard;

/// <summary>One organisation the dashboard counts for.</summary>
public sealed record ScopedOrganisation(Guid Id, string Code, string Name, HolidayRegion HolidayRegion);

/// <summary>
/// Whose figures a person may see: a DPO their own organisation only (asking for another is refused, not quietly
/// answered with their own); an administrator any one organisation by its code, or every organisation when none is
/// named.
/// </summary>
internal static class DashboardScope
{
    public const string AllOrganisations = "All organisations";

    public static async Task<IReadOnlyList<ScopedOrganisation>> ResolveAsync(PortalDb db, ICurrentActor actor, string? organisationCode, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(organisationCode) ? null : organisationCode.Trim().ToUpperInvariant();
        var organisations = db.Organisations.AsNoTracking();
        if (actor.IsInRole(Roles.Administrator))
        {
            if (code is not null) organisations = organisations.Where(o => o.Code == code);
            var chosen = await organisations.OrderBy(o => o.Name)
                .Select(o => new ScopedOrganisation(o.Id, o.Code, o.Name, o.HolidayRegion)).ToListAsync(ct);
            return code is not null && chosen.Count == 0 ? throw new NotFoundException("organisation") : chosen;
        }

        var own = actor.RequireOrganisation();
        var mine = await organisations.Where(o => o.Id == own)
            .Select(o => new ScopedOrganisation(o.Id, o.Code, o.Name, o.HolidayRegion)).SingleOrDefaultAsync(ct)
            ?? throw new ForbiddenException("Your account is linked to an organisation that no longer exists. Ask an administrator to link it.");
        if (code is not null && code != mine.Code)
        {
            throw new ForbiddenException("You can see your own organisation's figures only.");
        }

        return [mine];
    }

    /// <summary>"Stoke-on-Trent City Council", or "All organisations" when more than one is counted.</summary>
    public static string Describe(IReadOnlyList<ScopedOrganisation> scope) => scope.Count == 1 ? scope[0].Name : AllOrganisations;

    /// <summary>
    /// Requests of the organisations in scope, written so SQLite can seek the (OrganisationId, ...) indexes: an
    /// equality for one organisation, an IN list for several.
    /// </summary>
    public static IQueryable<RightsRequest> InScope(this IQueryable<RightsRequest> requests, IReadOnlyList<ScopedOrganisation> scope)
    {
        if (scope.Count == 1)
        {
            var id = scope[0].Id;
            return requests.Where(r => r.OrganisationId == id);
        }

        var ids = scope.Select(o => o.Id).ToList();
        return requests.Where(r => ids.Contains(r.OrganisationId));
    }
}
