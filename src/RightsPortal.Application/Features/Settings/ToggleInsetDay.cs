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

/// <summary>The DPO marks (or unmarks) an INSET day: a staff training day in term that is not a school day.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record ToggleInsetDayCommand(DateOnly Date) : ICommand<bool>;

internal sealed class ToggleInsetDayHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<ToggleInsetDayCommand, bool>
{
    public async Task<bool> Handle(ToggleInsetDayCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        var added = false;
        await OpenRequests.ChangeAndRecountAsync(dbs, portalClock, organisationId, async db =>
        {
            var existing = await db.InsetDays.SingleOrDefaultAsync(d => d.OrganisationId == organisationId && d.Date == command.Date, cancellationToken);
            if (existing is not null)
            {
                db.InsetDays.Remove(existing);
                return;
            }

            if (!await db.SchoolTerms.AnyAsync(t => t.OrganisationId == organisationId && t.StartsOn <= command.Date && command.Date <= t.EndsOn, cancellationToken))
            {
                throw new DomainRuleException("An INSET day must fall inside a term: days outside term are not school days anyway.");
            }

            db.InsetDays.Add(new InsetDay { Id = Guid.NewGuid(), OrganisationId = organisationId, Date = command.Date });
            added = true;
        }, strict: false, cancellationToken);
        return added;
    }
}
