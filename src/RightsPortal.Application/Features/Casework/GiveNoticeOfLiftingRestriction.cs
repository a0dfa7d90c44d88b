using FluentValidation;
using MediatR;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Restriction: record that the person was told, before it is lifted, that the restriction will be lifted (Art 18(3)).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GiveNoticeOfLiftingRestrictionCommand(Guid RequestId, Guid ExpectedVersion, DateOnly ToldOn, string How) : ICommand<CaseState>, ICaseChange;

public sealed class GiveNoticeOfLiftingRestrictionValidator : AbstractValidator<GiveNoticeOfLiftingRestrictionCommand>
{
    public const int HowMax = 2000;

    public GiveNoticeOfLiftingRestrictionValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.ToldOn).NotEqual(default(DateOnly)).WithMessage("Enter the date the person was told.");
        RuleFor(c => c.How).NotEmpty().WithMessage("Say how the person was told the restriction will be lifted, and why.")
            .MaximumLength(HowMax).WithMessage($"Keep this to {HowMax} characters or fewer.");
    }
}

internal sealed class GiveNoticeOfLiftingRestrictionHandler(CaseChanges cases) : IRequestHandler<GiveNoticeOfLiftingRestrictionCommand, CaseState>
{
    public Task<CaseState> Handle(GiveNoticeOfLiftingRestrictionCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.GiveNoticeOfLiftingRestriction(cmd.ToldOn, cmd.How, ctx), cancellationToken);
}
