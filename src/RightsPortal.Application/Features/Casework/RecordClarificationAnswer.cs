using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The family's answer arrived: the clock resumes with the paused days added.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordClarificationAnswerCommand(Guid RequestId, Guid ExpectedVersion, DateOnly AnsweredOn) : ICommand<CaseState>, ICaseChange;

public sealed class RecordClarificationAnswerValidator : AbstractValidator<RecordClarificationAnswerCommand>
{
    public RecordClarificationAnswerValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
    }
}

internal sealed class RecordClarificationAnswerHandler(CaseChanges cases) : IRequestHandler<RecordClarificationAnswerCommand, CaseState>
{
    public Task<CaseState> Handle(RecordClarificationAnswerCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.ClarificationAnswered(cmd.AnsweredOn, ctx), cancellationToken);
}
