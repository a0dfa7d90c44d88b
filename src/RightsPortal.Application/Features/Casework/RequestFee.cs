using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>T9: ask for a reasonable fee (manifestly unfounded or excessive, or further copies); work waits for it.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RequestFeeCommand(Guid RequestId, Guid ExpectedVersion, FeeBasis Basis, decimal Amount, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class RequestFeeValidator : AbstractValidator<RequestFeeCommand>
{
    public RequestFeeValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Basis).IsInEnum().WithMessage("Choose why a fee may be charged.");
        RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Give the fee in pounds: more than £0.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why a fee is charged and how it was worked out.").MaximumLength(2000);
    }
}

internal sealed class RequestFeeHandler(CaseChanges cases) : IRequestHandler<RequestFeeCommand, CaseState>
{
    public Task<CaseState> Handle(RequestFeeCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RequestFee(cmd.Basis, cmd.Amount, cmd.Reason, ctx), cancellationToken);
}
