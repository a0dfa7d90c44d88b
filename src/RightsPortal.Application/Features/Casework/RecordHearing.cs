using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Record (or clear) a SEND Tribunal hearing, mediation or annual review the response should arrive before.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordHearingCommand(Guid RequestId, Guid ExpectedVersion, HearingKind? Kind, DateOnly? On) : ICommand<CaseState>, ICaseChange;

public sealed class RecordHearingValidator : AbstractValidator<RecordHearingCommand>
{
    public RecordHearingValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum();
    }
}

internal sealed class RecordHearingHandler(CaseChanges cases) : IRequestHandler<RecordHearingCommand, CaseState>
{
    public Task<CaseState> Handle(RecordHearingCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordHearing(cmd.Kind, cmd.On, ctx), cancellationToken);
}
