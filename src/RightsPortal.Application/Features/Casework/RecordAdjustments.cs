using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Record the family's reasonable adjustments: the format of the response and how to contact them.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordAdjustmentsCommand(Guid RequestId, Guid ExpectedVersion, PreferredFormat Format, ContactRoute Route, string? Notes)
    : ICommand<CaseState>, ICaseChange;

public sealed class RecordAdjustmentsValidator : AbstractValidator<RecordAdjustmentsCommand>
{
    public RecordAdjustmentsValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Format).IsInEnum();
        RuleFor(c => c.Route).IsInEnum();
        RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Keep the notes to 2000 characters or fewer.");
    }
}

internal sealed class RecordAdjustmentsHandler(CaseChanges cases) : IRequestHandler<RecordAdjustmentsCommand, CaseState>
{
    public Task<CaseState> Handle(RecordAdjustmentsCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordAdjustments(cmd.Format, cmd.Route, cmd.Notes, ctx), cancellationToken);
}
