using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Ask one of the organisation's own services or teams to search its systems, by a date before the legal limit.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record AskServiceToSearchCommand(Guid RequestId, Guid ExpectedVersion, string ServiceName, string Instructions, DateOnly DueOn)
    : ICommand<CaseState>, ICaseChange;

public sealed class AskServiceToSearchValidator : AbstractValidator<AskServiceToSearchCommand>
{
    public AskServiceToSearchValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.ServiceName).NotEmpty().WithMessage("Choose the service to ask.").MaximumLength(200);
        RuleFor(c => c.Instructions).NotEmpty().WithMessage("Say what the service should search for.").MaximumLength(2000);
    }
}

internal sealed class AskServiceToSearchHandler(CaseChanges cases, IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<AskServiceToSearchCommand, CaseState>
{
    public async Task<CaseState> Handle(AskServiceToSearchCommand cmd, CancellationToken cancellationToken)
    {
        // Only the organisation's own services, as its privacy notice names them.
        var organisationId = actor.RequireOrganisation();
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.OrganisationServices.AnyAsync(s => s.OrganisationId == organisationId && s.Name == cmd.ServiceName, cancellationToken))
            {
                throw new ValidationException([new ValidationFailure(nameof(cmd.ServiceName), "Choose one of your organisation's services.")]);
            }
        }

        return await cases.ApplyAsync(cmd, (r, ctx) => r.AskServiceToSearch(cmd.ServiceName, cmd.Instructions, cmd.DueOn, ctx), cancellationToken);
    }
}
