using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>A signed-in family's own requests (made with the email address they proved), newest first.</summary>
[RequiresFamily]
public sealed record GetMyRequestsQuery : IQuery<IReadOnlyList<MyRequestSummary>>;

public sealed record MyRequestSummary(
    string Reference,
    string OrganisationName,
    string RightDescription,
    string SubjectName,
    string Status,
    bool Finished,
    DateOnly ReceivedOn,
    DateOnly HearByOn);

internal sealed class GetMyRequestsHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<GetMyRequestsQuery, IReadOnlyList<MyRequestSummary>>
{
    public async Task<IReadOnlyList<MyRequestSummary>> Handle(GetMyRequestsQuery query, CancellationToken cancellationToken)
    {
        var email = FamilyEmail.Normalise(actor.VerifiedFamilyEmail!);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await db.Requests.AsNoTracking()
            .Where(FamilyEmail.MadeBy(email))
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new
            {
                r.RequesterEmail, r.Reference, OrganisationName = o.Name, r.Right, r.SubjectName, r.Status, r.ReceivedOn, r.DueOn, r.RecordedAt,
            })
            .ToListAsync(cancellationToken);

        // The same comparison again in .NET, so the rule is exactly the one sign-in uses.
        return [.. rows
            .Where(r => FamilyEmail.Normalise(r.RequesterEmail) == email)
            .OrderByDescending(r => r.RecordedAt)
            .Select(r => new MyRequestSummary(r.Reference, r.OrganisationName, r.Right.Describe(), r.SubjectName, r.Status.Describe(),
                r.Status.IsFinished(), r.ReceivedOn, r.DueOn))];
    }
}
