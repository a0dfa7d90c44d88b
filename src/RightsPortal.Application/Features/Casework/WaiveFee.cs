using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The fee is no longer asked for: work carries on with the deadline unchanged.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record WaiveFeeCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class WaiveFeeValidator : AbstractValidator<WaiveFeeCommand>
{
    public WaiveFeeValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the fee is no longer asked for.").MaximumLength(2000);
    }
}

internal sealed class WaiveFeeHandler(CaseChanges cases) : IRequestHandler<WaiveFeeCommand, CaseState>
{
    public Task<CaseState> Handle(WaiveFeeCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.WaiveFee(cmd.Reason, ctx), cancellationToken);
}
