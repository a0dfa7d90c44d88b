using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The response was sent: close with its outcome (a refusal carries reasons and the T8 rights text).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record CloseRequestCommand(Guid RequestId, Guid ExpectedVersion, Outcome Outcome, DateOnly SentOn, string? RefusalReasons) : ICommand<CaseState>, ICaseChange;

public sealed class CloseRequestValidator : AbstractValidator<CloseRequestCommand>
{
    public const int RefusalReasonsMax = 8000;

    public CloseRequestValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.RefusalReasons).MaximumLength(RefusalReasonsMax)
            .WithMessage($"Keep the reasons to {RefusalReasonsMax} characters or fewer.");
        RuleFor(c => c.RefusalReasons).NotEmpty()
            .When(c => c.Outcome is Outcome.Refused or Outcome.PartlyComplied)
            .WithMessage("A refusal must give the requester its reasons, with their right to complain to the ICO and to go to court.");
    }
}

internal sealed class CloseRequestHandler(CaseChanges cases) : IRequestHandler<CloseRequestCommand, CaseState>
{
    public Task<CaseState> Handle(CloseRequestCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.Close(cmd.Outcome, cmd.SentOn, cmd.RefusalReasons, ctx), cancellationToken);
}
