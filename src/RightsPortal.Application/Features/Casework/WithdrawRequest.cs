using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The requester withdrew the request.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record WithdrawRequestCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class WithdrawRequestValidator : AbstractValidator<WithdrawRequestCommand>
{
    public WithdrawRequestValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Record how and why the request was withdrawn.").MaximumLength(2000);
    }
}

internal sealed class WithdrawRequestHandler(CaseChanges cases) : IRequestHandler<WithdrawRequestCommand, CaseState>
{
    public Task<CaseState> Handle(WithdrawRequestCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.Withdraw(cmd.Reason, ctx), cancellationToken);
}
