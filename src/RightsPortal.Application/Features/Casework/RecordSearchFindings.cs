using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Record what a service found when it searched (recorded by the caseworker on the service's behalf).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordSearchFindingsCommand(Guid RequestId, Guid ExpectedVersion, Guid TaskId, string Findings) : ICommand<CaseState>, ICaseChange;

public sealed class RecordSearchFindingsValidator : AbstractValidator<RecordSearchFindingsCommand>
{
    public RecordSearchFindingsValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.TaskId).NotEmpty();
        RuleFor(c => c.Findings).NotEmpty().WithMessage("Say what was found, where, or that nothing is held.").MaximumLength(4000);
    }
}

internal sealed class RecordSearchFindingsHandler(CaseChanges cases) : IRequestHandler<RecordSearchFindingsCommand, CaseState>
{
    public Task<CaseState> Handle(RecordSearchFindingsCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordSearchFindings(cmd.TaskId, cmd.Findings, ctx), cancellationToken);
}
