using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The fee arrived (T2: the clock starts again from that day).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordFeePaidCommand(Guid RequestId, Guid ExpectedVersion, DateOnly PaidOn) : ICommand<CaseState>, ICaseChange;

public sealed class RecordFeePaidValidator : AbstractValidator<RecordFeePaidCommand>
{
    public RecordFeePaidValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
    }
}

internal sealed class RecordFeePaidHandler(CaseChanges cases) : IRequestHandler<RecordFeePaidCommand, CaseState>
{
    public Task<CaseState> Handle(RecordFeePaidCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordFeePaid(cmd.PaidOn, ctx), cancellationToken);
}
