using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Access: take a record listed by mistake off the list (the timeline keeps that it was listed and removed).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RemoveDisclosureCommand(Guid RequestId, Guid ExpectedVersion, Guid ItemId) : ICommand<CaseState>, ICaseChange;

public sealed class RemoveDisclosureValidator : AbstractValidator<RemoveDisclosureCommand>
{
    public RemoveDisclosureValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.ItemId).NotEmpty().WithMessage("Choose the record to take off the list.");
    }
}

internal sealed class RemoveDisclosureHandler(CaseChanges cases) : IRequestHandler<RemoveDisclosureCommand, CaseState>
{
    public Task<CaseState> Handle(RemoveDisclosureCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RemoveDisclosure(cmd.ItemId, ctx), cancellationToken);
}
