using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Intake;

/// <summary>What the caseworker's intake form needs: their own organisation's record categories.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetIntakeFormQuery : IQuery<RequestFormView>;

internal sealed class GetIntakeFormHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetIntakeFormQuery, RequestFormView>
{
    public async Task<RequestFormView> Handle(GetIntakeFormQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.DataCategories)
            .SingleAsync(o => o.Id == organisationId, cancellationToken);
        return new RequestFormView(organisation.Code, organisation.Name, organisation.ServiceName,
            [.. organisation.DataCategories.OrderBy(c => c.Order).Select(c => new CategoryOption(c.Code, c.Name, c.Description))]);
    }
}
