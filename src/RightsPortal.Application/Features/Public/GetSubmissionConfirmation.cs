using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Public;

/// <summary>
/// The confirmation page, found by the form's unguessable submission id. It shows the reference and dates only:
/// no personal data, so a shared or bookmarked link leaks nothing about the child.
/// </summary>
[PublicRequest]
public sealed record GetSubmissionConfirmationQuery(Guid SubmissionId) : IQuery<SubmissionConfirmation>;

public sealed record SubmissionConfirmation(
    string Reference,
    Right Right,
    string OrganisationName,
    string ServiceName,
    string InformationGovernanceContact,
    DateOnly ReceivedOn,
    DateOnly DueOn);

internal sealed class GetSubmissionConfirmationHandler(IDbContextFactory<PortalDb> dbs)
    : IRequestHandler<GetSubmissionConfirmationQuery, SubmissionConfirmation>
{
    public async Task<SubmissionConfirmation> Handle(GetSubmissionConfirmationQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Requests.AsNoTracking()
            .Where(r => r.SubmissionId == query.SubmissionId)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new SubmissionConfirmation(
                r.Reference, r.Right, o.Name, o.ServiceName, o.InformationGovernanceContact, r.ReceivedOn, r.DueOn))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("request");
    }
}
