using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Record the response being prepared and its intended outcome.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record DraftResponseCommand(Guid RequestId, Guid ExpectedVersion, Outcome Outcome, string Summary) : ICommand<CaseState>, ICaseChange;

public sealed class DraftResponseValidator : AbstractValidator<DraftResponseCommand>
{
    public DraftResponseValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Summarise the response: what is being disclosed, corrected or refused.").MaximumLength(8000);
    }
}

internal sealed class DraftResponseHandler(CaseChanges cases) : IRequestHandler<DraftResponseCommand, CaseState>
{
    public Task<CaseState> Handle(DraftResponseCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.DraftResponse(cmd.Outcome, cmd.Summary, ctx), cancellationToken);
}
