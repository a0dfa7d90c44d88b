using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Public;

/// <summary>The organisations families can send requests to, with the rights each one's privacy notice promises.</summary>
[PublicRequest]
public sealed record ListOrganisationsQuery : IQuery<IReadOnlyList<OrganisationSummary>>;

public sealed record OrganisationSummary(
    string Code,
    string Name,
    string ServiceName,
    OrganisationKind Kind,
    string Summary,
    IReadOnlyList<Right> RightsPromised,
    string InformationGovernanceContact,
    string DataProtectionOfficer,
    string ComplaintRoute);

internal sealed class ListOrganisationsHandler(IDbContextFactory<PortalDb> dbs) : IRequestHandler<ListOrganisationsQuery, IReadOnlyList<OrganisationSummary>>
{
    public async Task<IReadOnlyList<OrganisationSummary>> Handle(ListOrganisationsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return organisations
            .Select(o => new OrganisationSummary(o.Code, o.Name, o.ServiceName, o.Kind, o.Summary, o.RightsPromised,
                o.InformationGovernanceContact, o.DataProtectionOfficer, o.ComplaintRoute))
            .ToList();
    }
}
