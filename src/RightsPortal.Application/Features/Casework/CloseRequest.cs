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
    public CloseRequestValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.RefusalReasons).MaximumLength(8000);
    }
}

internal sealed class CloseRequestHandler(CaseChanges cases) : IRequestHandler<CloseRequestCommand, CaseState>
{
    public Task<CaseState> Handle(CloseRequestCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.Close(cmd.Outcome, cmd.SentOn, cmd.RefusalReasons, ctx), cancellationToken);
}
