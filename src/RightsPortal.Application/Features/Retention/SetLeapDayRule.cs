using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>
/// The DPO chooses where a period counted from 29 February ends in a year without one (28 February by default, or
/// 1 March), saying why. The choice goes into the schedule's history like a change to a line.
/// </summary>
[RequiresRole(Roles.Dpo)]
public sealed record SetLeapDayRuleCommand(bool ToFirstMarch, string Reason) : ICommand<Unit>;

public sealed class SetLeapDayRuleValidator : AbstractValidator<SetLeapDayRuleCommand>
{
    public SetLeapDayRuleValidator()
    {
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(RetentionScheduleEdit.ReasonMissing)
            .MaximumLength(RetentionRuleChange.ReasonLimit).WithMessage(RetentionScheduleEdit.ReasonTooLong);
    }
}

internal sealed class SetLeapDayRuleHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<SetLeapDayRuleCommand, Unit>
{
    public async Task<Unit> Handle(SetLeapDayRuleCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("The retention schedule is kept by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, cancellationToken);
        var reason = RetentionScheduleEdit.CheckReason(cmd.Reason);
        if (organisation.LeapDayToFirstMarch == cmd.ToFirstMarch)
        {
            throw new DomainRuleException($"{RetentionScheduleEdit.DescribeLeapDay(cmd.ToFirstMarch)} already. Choose the other date to change it.");
        }

        var before = RetentionScheduleEdit.DescribeLeapDay(organisation.LeapDayToFirstMarch);
        organisation.LeapDayToFirstMarch = cmd.ToFirstMarch;
        db.RetentionRuleChanges.Add(new RetentionRuleChange
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            RuleId = null,
            RecordType = RetentionScheduleEdit.LeapDaySetting,
            Before = before,
            After = RetentionScheduleEdit.DescribeLeapDay(cmd.ToFirstMarch),
            Reason = reason,
            ChangedBy = await ScheduleChanges.ChangedByAsync(db, actor, cancellationToken),
            ChangedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
