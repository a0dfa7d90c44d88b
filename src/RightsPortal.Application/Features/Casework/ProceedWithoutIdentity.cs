using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>No proof is needed (details match, data not sensitive, requester known): the reason is recorded and work starts.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record ProceedWithoutIdentityCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class ProceedWithoutIdentityValidator : AbstractValidator<ProceedWithoutIdentityCommand>
{
    public ProceedWithoutIdentityValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why no proof of identity or authority is needed.").MaximumLength(2000);
    }
}

internal sealed class ProceedWithoutIdentityHandler(CaseChanges cases) : IRequestHandler<ProceedWithoutIdentityCommand, CaseState>
{
    public Task<CaseState> Handle(ProceedWithoutIdentityCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.ProceedWithoutIdentity(cmd.Reason, ctx), cancellationToken);
}
