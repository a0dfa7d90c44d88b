using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>
/// The DPO decides on a record that reached its date and waits for review: keep it until a later date for a stated
/// reason, or approve its destruction (refused while any hold is in force). The item is worked out again at the
/// moment of decision, so a hold placed since the page was opened is honoured. Audited against the case.
/// </summary>
[RequiresRole(Roles.Dpo)]
public sealed record DecideRetentionReviewCommand(Guid RequestId, PortalRecordKind Kind, RetentionReviewDecision Decision, string? Reason, DateOnly? KeepUntil)
    : ICommand<Unit>, IAuditable
{
    Guid? IAuditable.AuditOrganisationId => null;
    Guid? IAuditable.AuditRequestId => RequestId;
}

public sealed class DecideRetentionReviewValidator : AbstractValidator<DecideRetentionReviewCommand>
{
    public DecideRetentionReviewValidator()
    {
        RuleFor(c => c.Decision).IsInEnum().WithMessage("Choose whether to keep the record or approve its destruction.");
        When(c => c.Decision == RetentionReviewDecision.Keep, () =>
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the record must be kept longer than the schedule allows.")
                .MaximumLength(RetentionReview.ReasonLimit).WithMessage($"Keep the reason to {RetentionReview.ReasonLimit:N0} characters or fewer.");
            RuleFor(c => c.KeepUntil).NotNull().WithMessage("Choose the date to keep the record until, when it is reviewed again.");
        });
    }
}

internal sealed class DecideRetentionReviewHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<DecideRetentionReviewCommand, Unit>
{
    public async Task<Unit> Handle(DecideRetentionReviewCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("Retention decisions are made by a DPO of an organisation.");
        var by = actor.UserId ?? throw new ForbiddenException("Retention decisions are made by a DPO of an organisation.");
        var today = clock.UkToday();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.Requests.AnyAsync(r => r.Id == cmd.RequestId && r.OrganisationId == organisationId, cancellationToken))
        {
            throw new NotFoundException("case");
        }

        var due = (await FindDueRecords.ForOrganisationAsync(db, organisationId, today, cancellationToken, [cmd.RequestId]))
            .FirstOrDefault(d => d.Item.Kind == cmd.Kind)
            ?? throw new DomainRuleException("This record is not waiting for a decision: it may have been decided or destroyed already. Refresh the page.");
        if (due.Item.Disposition == DueDisposition.DestroyAutomatically)
        {
            throw new DomainRuleException("Destruction of this record is already approved: the next retention sweep destroys it.");
        }

        var names = await AuditNames.StaffNamesAsync(db, [by], cancellationToken);
        var name = names.TryGetValue(by, out var n) && n.Length > 0 ? n : by;
        var review = cmd.Decision == RetentionReviewDecision.Keep
            ? RetentionReview.Keep(organisationId, due.Item, cmd.Reason ?? "", cmd.KeepUntil ?? today, name, clock.GetUtcNow(), today)
            : RetentionReview.ApproveDestruction(organisationId, due.Item, name, clock.GetUtcNow(), today);
        db.RetentionReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
