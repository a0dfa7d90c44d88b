using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// The decision on a request to correct, erase, restrict, object or transfer, with reasons; an erasure decision is
/// checked against the organisation's own retention schedule.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RecordDecisionCommand(Guid RequestId, Guid ExpectedVersion, DecisionKind Kind, string? Reasons, string? RecipientsTold, RestrictionGround? Ground)
    : ICommand<CaseState>, ICaseChange;

public sealed class RecordDecisionValidator : AbstractValidator<RecordDecisionCommand>
{
    public const int ReasonsMax = 8000;
    public const int RecipientsToldMax = 2000;

    public RecordDecisionValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose the decision.");

        // Two decisions carry a standard explanation, so the caseworker's own reasons are optional there.
        RuleFor(c => c.Reasons).NotEmpty()
            .When(c => StandardText(c.Kind) is null)
            .WithMessage(c => c.Kind switch
            {
                DecisionKind.ObjectionRefusedCompellingGrounds => "State the compelling legitimate grounds that override the person's interests, rights and freedoms.",
                DecisionKind.RectificationRefused => "Say why the records are accurate (an opinion recorded as an opinion is not inaccurate).",
                _ => "Give the reasons for the decision: the family will read them.",
            });
        RuleFor(c => c.Reasons).Must((c, reasons) => reasons is null || reasons.Length <= ReasonsLimit(c.Kind))
            .WithMessage(c => StandardText(c.Kind) is null
                ? $"Keep the reasons to {ReasonsMax} characters or fewer."
                : $"Keep the reasons to {ReasonsLimit(c.Kind)} characters or fewer: the standard explanation is added to them.");

        RuleFor(c => c.RecipientsTold).NotEmpty()
            .When(c => c.Kind is DecisionKind.Corrected or DecisionKind.SupplementaryStatementAdded or DecisionKind.Erased)
            .WithMessage("List who the records were shared with and have been told (or say they were not shared with anyone).");
        RuleFor(c => c.RecipientsTold).MaximumLength(RecipientsToldMax).WithMessage($"Keep the list of recipients to {RecipientsToldMax} characters or fewer.");

        RuleFor(c => c.Ground).IsInEnum().WithMessage("Choose one of the grounds listed.");
        RuleFor(c => c.Ground).NotNull().When(c => c.Kind == DecisionKind.RestrictionPlaced).WithMessage("Choose why processing is restricted.");
        RuleFor(c => c.Ground).Null().When(c => c.Kind != DecisionKind.RestrictionPlaced).WithMessage("A ground for restriction goes with a restriction only.");
    }

    private static string? StandardText(DecisionKind kind) => kind switch
    {
        DecisionKind.ObjectionNotApplicableLegalObligation => DecisionRules.LegalObligationObjectionText,
        DecisionKind.PortabilityNotApplicable => DecisionRules.PortabilityText,
        _ => null,
    };

    // The stored reasons are the caseworker's words, a space, then any standard explanation: all must fit.
    private static int ReasonsLimit(DecisionKind kind) => StandardText(kind) is { } text ? ReasonsMax - text.Length - 1 : ReasonsMax;
}

internal sealed class RecordDecisionHandler(CaseChanges cases, IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<RecordDecisionCommand, CaseState>
{
    public async Task<CaseState> Handle(RecordDecisionCommand cmd, CancellationToken cancellationToken)
    {
        // The organisation's own schedule decides which records must be kept (Art 17(3)), read before the change is applied.
        var organisationId = actor.RequireOrganisation();
        List<Domain.Retention.RetentionRule> retention;
        bool leapDayToFirstMarch;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            retention = await db.RetentionRules.AsNoTracking().Where(r => r.OrganisationId == organisationId).ToListAsync(cancellationToken);
            leapDayToFirstMarch = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.LeapDayToFirstMarch).SingleAsync(cancellationToken);
        }

        return await cases.ApplyAsync(cmd, (r, ctx) => r.Decide(cmd.Kind, cmd.Reasons ?? "", cmd.RecipientsTold, retention, cmd.Ground, ctx, leapDayToFirstMarch), cancellationToken);
    }
}
