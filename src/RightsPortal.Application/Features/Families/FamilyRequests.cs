using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>Finding one of the signed-in family's own requests by reference; anyone else's is simply not found.</summary>
internal static class FamilyRequests
{
    public static async Task<RightsRequest> FindOwnAsync(IQueryable<RightsRequest> requests, ICurrentActor actor, string? reference, CancellationToken ct)
    {
        var email = FamilyEmail.Normalise(actor.VerifiedFamilyEmail ?? throw new ForbiddenException("Sign in to see your requests."));
        var wanted = (reference ?? "").Trim().ToUpperInvariant();
        return (await requests.Where(FamilyEmail.MadeBy(email)).Where(x => x.Reference == wanted).ToListAsync(ct))
            .FirstOrDefault(x => FamilyEmail.Normalise(x.RequesterEmail) == email)
            ?? throw new NotFoundException("request");
    }
}
