using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The other organisations in the portal a request can be transferred to, with the kinds of record each holds.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetTransferOptionsQuery : IQuery<IReadOnlyList<TransferOption>>;

public sealed record TransferOption(Guid OrganisationId, string Name, IReadOnlyList<TransferCategory> Categories);

public sealed record TransferCategory(string Code, string Name);

internal sealed class GetTransferOptionsHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetTransferOptionsQuery, IReadOnlyList<TransferOption>>
{
    public async Task<IReadOnlyList<TransferOption>> Handle(GetTransferOptionsQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.DataCategories)
            .Where(o => o.Id != organisationId).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return [.. organisations.Select(o => new TransferOption(o.Id, o.Name,
            [.. o.DataCategories.OrderBy(c => c.Order).Select(c => new TransferCategory(c.Code, c.Name))]))];
    }
}
