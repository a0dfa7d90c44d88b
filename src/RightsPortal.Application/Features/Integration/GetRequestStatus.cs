using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Integration;

/// <summary>A council system asks where a request it handed in has got to: status and dates, no personal data.</summary>
[RequiresRole(Roles.Integration)]
public sealed record GetRequestStatusQuery(string Reference) : IQuery<RequestStatusView>;

public sealed record RequestStatusView(
    string Reference,
    Right Right,
    RequestStatus Status,
    Channel Channel,
    DateOnly ReceivedOn,
    DateOnly StartOn,
    DateOnly DueOn,
    DateOnly? ExtensionNoticeBy,
    DateOnly? InternalTargetOn,
    int PausedDays,
    Outcome? Outcome,
    DateOnly? ResponseSentOn,
    IReadOnlyList<string> Explanation);

internal sealed class GetRequestStatusHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetRequestStatusQuery, RequestStatusView>
{
    public async Task<RequestStatusView> Handle(GetRequestStatusQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var reference = (query.Reference ?? "").Trim().ToUpperInvariant();
        var r = await db.Requests.AsNoTracking()
            .SingleOrDefaultAsync(x => x.OrganisationId == organisationId && x.Reference == reference, cancellationToken)
            ?? throw new NotFoundException("request");
        return new RequestStatusView(r.Reference, r.Right, r.Status, r.Channel, r.ReceivedOn, r.StartOn, r.DueOn, r.ExtensionNoticeBy,
            r.InternalTargetOn, r.PausedDays, r.Outcome, r.ResponseSentOn, r.DueExplanation.Split('\n'));
    }
}
