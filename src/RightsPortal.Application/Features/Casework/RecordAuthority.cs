using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Record the requester's relationship and authority: parental responsibility, a court order, written authority or a competence assessment.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordAuthorityCommand(Guid RequestId, Guid ExpectedVersion, AuthorityKind Kind, string Detail, bool? ChildIsCompetent) : ICommand<CaseState>, ICaseChange;

public sealed class RecordAuthorityValidator : AbstractValidator<RecordAuthorityCommand>
{
    public RecordAuthorityValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what you are recording.");
        RuleFor(c => c.Detail).NotEmpty().WithMessage("Say what was declared, seen or assessed.").MaximumLength(2000);
        RuleFor(c => c.ChildIsCompetent).NotNull().When(c => c.Kind == AuthorityKind.CompetenceAssessment)
            .WithMessage("Say whether the child understands what the request means.");
    }
}

internal sealed class RecordAuthorityHandler(CaseChanges cases) : IRequestHandler<RecordAuthorityCommand, CaseState>
{
    public Task<CaseState> Handle(RecordAuthorityCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordAuthority(cmd.Kind, cmd.Detail, cmd.ChildIsCompetent, ctx), cancellationToken);
}
