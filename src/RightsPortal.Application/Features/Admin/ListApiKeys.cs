using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Admin;

/// <summary>The keys issued, without their secrets.</summary>
[RequiresRole(Roles.Administrator)]
public sealed record ListApiKeysQuery : IQuery<IReadOnlyList<ApiKeyRow>>;

public sealed record ApiKeyRow(Guid Id, string Organisation, string Name, string Prefix, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

internal sealed class ListApiKeysHandler(IDbContextFactory<PortalDb> dbs) : IRequestHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyRow>>
{
    public async Task<IReadOnlyList<ApiKeyRow>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking()
            .Join(db.Organisations, k => k.OrganisationId, o => o.Id, (k, o) => new ApiKeyRow(k.Id, o.Code, k.Name, k.Prefix, k.IssuedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.IssuedAt)];
    }
}
