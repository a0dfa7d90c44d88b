using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>The DPO releases one of their organisation's legal holds, saying why; destruction may then go ahead under the schedule.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record ReleaseLegalHoldCommand(Guid HoldId, string Reason) : ICommand<Unit>;

public sealed class ReleaseLegalHoldValidator : AbstractValidator<ReleaseLegalHoldCommand>
{
    public ReleaseLegalHoldValidator()
    {
        RuleFor(c => c.HoldId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the hold can end, for example that the investigation has closed.")
            .MaximumLength(LegalHold.ReasonLimit).WithMessage($"Keep the reason to {LegalHold.ReasonLimit:N0} characters or fewer.");
    }
}

internal sealed class ReleaseLegalHoldHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<ReleaseLegalHoldCommand, Unit>
{
    public async Task<Unit> Handle(ReleaseLegalHoldCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("Legal holds are placed by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == cmd.HoldId && h.OrganisationId == organisationId, cancellationToken)
                   ?? throw new NotFoundException("legal hold");
        hold.Release(cmd.Reason, actor.UserId ?? throw new ForbiddenException("Legal holds are placed by a DPO of an organisation."), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone released it between our read and our save (a colleague, or a second click): theirs stands.
            throw new DomainRuleException("Someone else released this hold a moment ago. Reload the page to see who and why.");
        }

        return Unit.Value;
    }
}
