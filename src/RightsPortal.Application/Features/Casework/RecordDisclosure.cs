using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Access: list one record found, disclosed in full, or redacted or withheld under a named exemption with reasons.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordDisclosureCommand(Guid RequestId, Guid ExpectedVersion, string Description, Disposition Disposition, Exemption? Exemption, string? Reason)
    : ICommand<CaseState>, ICaseChange;

public sealed class RecordDisclosureValidator : AbstractValidator<RecordDisclosureCommand>
{
    public const int DescriptionMax = 1000;
    public const int ReasonMax = 4000;

    public RecordDisclosureValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Description).NotEmpty().WithMessage("Describe the record, for example \"EHC plan, final, March 2025\".")
            .MaximumLength(DescriptionMax).WithMessage($"Keep the description to {DescriptionMax} characters or fewer.");
        RuleFor(c => c.Disposition).IsInEnum().WithMessage("Choose whether the record is disclosed, redacted or withheld.");
        RuleFor(c => c.Exemption).IsInEnum().WithMessage("Choose one of the exemptions listed.");
        RuleFor(c => c.Exemption).Null().When(c => c.Disposition == Disposition.Disclosed)
            .WithMessage("A record disclosed in full has no exemption: choose redacted or withheld to apply one.");
        RuleFor(c => c.Exemption).NotNull().When(c => c.Disposition is Disposition.Redacted or Disposition.Withheld)
            .WithMessage("Choose the exemption that allows this record to be redacted or withheld.");
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Disposition is Disposition.Redacted or Disposition.Withheld)
            .WithMessage("Give the reasons the exemption applies to this record: they are kept on file and may be reviewed by the ICO.");
        RuleFor(c => c.Reason).MaximumLength(ReasonMax).WithMessage($"Keep the reasons to {ReasonMax} characters or fewer.");
    }
}

internal sealed class RecordDisclosureHandler(CaseChanges cases) : IRequestHandler<RecordDisclosureCommand, CaseState>
{
    public Task<CaseState> Handle(RecordDisclosureCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RecordDisclosure(cmd.Description, cmd.Disposition, cmd.Exemption, cmd.Reason, ctx), cancellationToken);
}
