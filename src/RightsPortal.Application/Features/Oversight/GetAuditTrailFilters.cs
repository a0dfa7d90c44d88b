using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>The choices for the audit trail's filters: the people (by display name) and actions this person may filter by.</summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetAuditTrailFiltersQuery : IQuery<AuditTrailFilters>;

/// <param name="AllOrganisations">True for an administrator, who sees every organisation's rows.</param>
public sealed record AuditTrailFilters(IReadOnlyList<AuditFilterOption> People, IReadOnlyList<AuditFilterOption> Actions, bool AllOrganisations);

/// <param name="Value">What the filter sends (an actor id or an action name).</param>
public sealed record AuditFilterOption(string Value, string Label);

internal sealed class GetAuditTrailFiltersHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetAuditTrailFiltersQuery, AuditTrailFilters>
{
    public async Task<AuditTrailFilters> Handle(GetAuditTrailFiltersQuery query, CancellationToken cancellationToken)
    {
        var all = actor.IsInRole(Roles.Administrator);
        Guid? scope = all ? null : actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var users = db.Users.AsNoTracking();
        var keys = db.ApiKeys.AsNoTracking();
        if (scope is { } organisationId)
        {
            users = users.Where(u => u.OrganisationId == organisationId);
            keys = keys.Where(k => k.OrganisationId == organisationId);
        }

        var codes = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Code }).ToDictionaryAsync(o => o.Id, o => o.Code, cancellationToken);
        var staff = await users.Select(u => new { u.Id, u.DisplayName, u.OrganisationId }).ToListAsync(cancellationToken);
        var systems = await keys.Select(k => new { k.Id, k.Name, k.OrganisationId }).ToListAsync(cancellationToken);

        string Where(Guid? organisationId) => !all ? "" : organisationId is { } id && codes.TryGetValue(id, out var code) ? $" ({code})" : " (portal)";

        var people = staff
            .Select(u => new AuditFilterOption(u.Id, (u.DisplayName.Length > 0 ? u.DisplayName : "Account " + u.Id) + Where(u.OrganisationId)))
            .OrderBy(p => p.Label, StringComparer.CurrentCultureIgnoreCase)
            .Concat(systems.Select(k => new AuditFilterOption(AuditNames.ApiKeyPrefix + k.Id, $"Council system: {k.Name}{Where(k.OrganisationId)}"))
                .OrderBy(p => p.Label, StringComparer.CurrentCultureIgnoreCase))
            .Append(new AuditFilterOption(AuditNames.PublicActor, AuditNames.DescribeActor(AuditNames.PublicActor, new Dictionary<string, string>())))
            .ToList();
        var actions = AuditNames.KnownActions.Select(a => new AuditFilterOption(a.Action, a.Label)).ToList();
        return new AuditTrailFilters(people, actions, all);
    }
}
