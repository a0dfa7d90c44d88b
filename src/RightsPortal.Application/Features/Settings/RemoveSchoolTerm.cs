using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;

namespace RightsPortal.Application.Features.Settings;

/// <summary>The DPO removes a term entered by mistake.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record RemoveSchoolTermCommand(Guid TermId) : ICommand<int>;

internal sealed class RemoveSchoolTermHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<RemoveSchoolTermCommand, int>
{
    public async Task<int> Handle(RemoveSchoolTermCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        return await OpenRequests.ChangeAndRecountAsync(dbs, portalClock, organisationId, async db =>
        {
            var term = await db.SchoolTerms.SingleOrDefaultAsync(t => t.Id == command.TermId && t.OrganisationId == organisationId, cancellationToken)
                ?? throw new NotFoundException("term");
            db.SchoolTerms.Remove(term);
        }, strict: false, cancellationToken);
    }
}
