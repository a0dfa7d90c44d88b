using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Restriction: lift it, on or after the day the person was told it would be lifted.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record LiftRestrictionCommand(Guid RequestId, Guid ExpectedVersion, DateOnly LiftedOn, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class LiftRestrictionValidator : AbstractValidator<LiftRestrictionCommand>
{
    public const int ReasonMax = 2000;

    public LiftRestrictionValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.LiftedOn).NotEqual(default(DateOnly)).WithMessage("Enter the date the restriction was lifted.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the restriction is lifted, for example accuracy has been checked.")
            .MaximumLength(ReasonMax).WithMessage($"Keep the reason to {ReasonMax} characters or fewer.");
    }
}

internal sealed class LiftRestrictionHandler(CaseChanges cases) : IRequestHandler<LiftRestrictionCommand, CaseState>
{
    public Task<CaseState> Handle(LiftRestrictionCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.LiftRestriction(cmd.LiftedOn, cmd.Reason, ctx), cancellationToken);
}
