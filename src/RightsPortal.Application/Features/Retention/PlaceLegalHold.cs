using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>
/// The DPO places a legal hold (ICO investigation, tribunal, claim, inquiry) on one of their organisation's cases, by
/// its reference, or on every record about a child, by name and date of birth. While it is in force nothing it covers
/// is destroyed, whatever the retention schedule says.
/// </summary>
[RequiresRole(Roles.Dpo)]
public sealed record PlaceLegalHoldCommand(LegalHoldKind Kind, string Reason, string? CaseReference, string? ChildName, DateOnly? ChildDateOfBirth)
    : ICommand<Guid>;

public sealed class PlaceLegalHoldValidator : AbstractValidator<PlaceLegalHoldCommand>
{
    public PlaceLegalHoldValidator(TimeProvider clock)
    {
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what the hold is for.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the records must be kept: the investigation, hearing or claim and its reference.")
            .MaximumLength(LegalHold.ReasonLimit).WithMessage($"Keep the reason to {LegalHold.ReasonLimit:N0} characters or fewer.");
        RuleFor(c => c)
            .Must(c => string.IsNullOrWhiteSpace(c.CaseReference) != (string.IsNullOrWhiteSpace(c.ChildName) && c.ChildDateOfBirth is null))
            .WithName("CaseReference")
            .WithMessage("Give either the case reference, or the child's name and date of birth, not both.");
        RuleFor(c => c.CaseReference).MaximumLength(20).WithMessage("A case reference looks like STK-2026-000123.");
        When(c => string.IsNullOrWhiteSpace(c.CaseReference), () =>
        {
            RuleFor(c => c.ChildName).NotEmpty().WithMessage("Give the child's full name.")
                .MaximumLength(200).WithMessage("Keep the child's name to 200 characters.");
            RuleFor(c => c.ChildDateOfBirth).NotNull().WithMessage("Give the child's date of birth.")
                .Must(d => d <= clock.UkToday()).When(c => c.ChildDateOfBirth is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("The child's date of birth cannot be in the future.");
        });
    }
}

internal sealed class PlaceLegalHoldHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<PlaceLegalHoldCommand, Guid>
{
    public async Task<Guid> Handle(PlaceLegalHoldCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("Legal holds are placed by a DPO of an organisation.");
        var by = actor.UserId ?? throw new ForbiddenException("Legal holds are placed by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        LegalHold hold;
        if (!string.IsNullOrWhiteSpace(cmd.CaseReference))
        {
            var reference = cmd.CaseReference.Trim().ToUpperInvariant();
            var requestId = await db.Requests.AsNoTracking()
                .Where(r => r.OrganisationId == organisationId && r.Reference == reference)
                .Select(r => (Guid?)r.Id)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException($"There is no case {reference} in your organisation. Check the reference on the case page.");
            hold = LegalHold.OnCase(organisationId, requestId, cmd.Kind, cmd.Reason, by, clock.GetUtcNow());
        }
        else
        {
            hold = LegalHold.OnChild(organisationId, cmd.ChildName!, cmd.ChildDateOfBirth!.Value, cmd.Kind, cmd.Reason, by, clock.GetUtcNow(), clock.UkToday());
        }

        db.LegalHolds.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        return hold.Id;
    }
}
