using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The requester asked for an internal review: the closed case opens again.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record ReopenForReviewCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class ReopenForReviewValidator : AbstractValidator<ReopenForReviewCommand>
{
    public ReopenForReviewValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say what the requester asked to be reviewed.").MaximumLength(2000);
    }
}

internal sealed class ReopenForReviewHandler(CaseChanges cases) : IRequestHandler<ReopenForReviewCommand, CaseState>
{
    public Task<CaseState> Handle(ReopenForReviewCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.ReopenForReview(cmd.Reason, ctx), cancellationToken);
}
