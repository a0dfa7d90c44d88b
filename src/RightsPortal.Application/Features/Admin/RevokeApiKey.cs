using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Admin;

/// <summary>An administrator revokes a key: calls with it fail from then on.</summary>
[RequiresRole(Roles.Administrator)]
public sealed record RevokeApiKeyCommand(Guid KeyId) : ICommand<bool>;

internal sealed class RevokeApiKeyHandler(IDbContextFactory<PortalDb> dbs, TimeProvider clock) : IRequestHandler<RevokeApiKeyCommand, bool>
{
    public async Task<bool> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId, cancellationToken) ?? throw new NotFoundException("API key");
        if (key.RevokedAt is not null) return false;
        key.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
