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

/// <summary>The DPO adds a school term (or half-term block) to their school's calendar.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record AddSchoolTermCommand(string Name, DateOnly StartsOn, DateOnly EndsOn) : ICommand<int>;

public sealed class AddSchoolTermValidator : AbstractValidator<AddSchoolTermCommand>
{
    public AddSchoolTermValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the term, for example Autumn 2027 (first half).").MaximumLength(100);
        RuleFor(c => c.EndsOn).GreaterThanOrEqualTo(c => c.StartsOn).WithMessage("A term must end on or after the day it starts.");
        RuleFor(c => c).Must(c => c.EndsOn.DayNumber - c.StartsOn.DayNumber <= 120).WithName("EndsOn")
            .WithMessage("A term is at most 120 days long: enter each half-term block separately.");
    }
}

internal sealed class AddSchoolTermHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<AddSchoolTermCommand, int>
{
    public async Task<int> Handle(AddSchoolTermCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        return await OpenRequests.ChangeAndRecountAsync(dbs, portalClock, organisationId, async db =>
        {
            var overlapping = await db.SchoolTerms.AnyAsync(t => t.OrganisationId == organisationId && t.StartsOn <= command.EndsOn && command.StartsOn <= t.EndsOn, cancellationToken);
            if (overlapping) throw new DomainRuleException("That term overlaps a term already in the calendar.");
            db.SchoolTerms.Add(new SchoolTerm { Id = Guid.NewGuid(), OrganisationId = organisationId, Name = command.Name.Trim(), StartsOn = command.StartsOn, EndsOn = command.EndsOn });
        }, strict: true, cancellationToken);
    }
}
