using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Extend by two further months (T5): once, within the first month, with reasons the family will read.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record ExtendDeadlineCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class ExtendDeadlineValidator : AbstractValidator<ExtendDeadlineCommand>
{
    public ExtendDeadlineValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the request is complex or one of several: the family will read this.").MaximumLength(2000);
    }
}

internal sealed class ExtendDeadlineHandler(CaseChanges cases) : IRequestHandler<ExtendDeadlineCommand, CaseState>
{
    public Task<CaseState> Handle(ExtendDeadlineCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.Extend(cmd.Reason, ctx), cancellationToken);
}
