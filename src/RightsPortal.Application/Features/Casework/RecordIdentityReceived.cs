using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The ID or evidence of authority arrived (T2: the clock starts again from that day).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordIdentityReceivedCommand(Guid RequestId, Guid ExpectedVersion, DateOnly ArrivedOn) : ICommand<CaseState>, ICaseChange;

public sealed class RecordIdentityReceivedValidator : AbstractValidator<RecordIdentityReceivedCommand>
{
    public RecordIdentityReceivedValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
    }
}

internal sealed class RecordIdentityReceivedHandler(CaseChanges cases) : IRequestHandler<RecordIdentityReceivedCommand, CaseState>
{
    public Task<CaseState> Handle(RecordIdentityReceivedCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordIdentityReceived(cmd.ArrivedOn, ctx), cancellationToken);
}
