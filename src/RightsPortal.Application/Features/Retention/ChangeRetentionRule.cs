using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MediatR;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>What the DPO does to a line of the schedule.</summary>
public enum RetentionScheduleChangeKind
{
    Add,
    Change,
    Remove,
}

/// <summary>
/// The DPO adds, changes or removes a line of their organisation's retention schedule, saying why. The change is kept
/// for good in the schedule's history (before and after in words, who and when), saved with the line itself.
/// </summary>
[RequiresRole(Roles.Dpo)]
public sealed record ChangeRetentionRuleCommand(
    RetentionScheduleChangeKind Kind,
    Guid? RuleId,
    string? RecordType,
    RetentionTrigger Trigger,
    int Years,
    int Months,
    RetentionAction Action,
    string Reason) : ICommand<Guid>
{
    /// <summary>Removes a line, saying why.</summary>
    public static ChangeRetentionRuleCommand Removal(Guid ruleId, string reason) =>
        new(RetentionScheduleChangeKind.Remove, ruleId, null, default, 0, 0, default, reason);
}

public sealed class ChangeRetentionRuleValidator : AbstractValidator<ChangeRetentionRuleCommand>
{
    public ChangeRetentionRuleValidator()
    {
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose whether to add, change or remove a line.");
        RuleFor(c => c.RuleId).Null().When(c => c.Kind == RetentionScheduleChangeKind.Add).WithMessage("A new line has no id yet.");
        RuleFor(c => c.RuleId).NotEmpty().When(c => c.Kind != RetentionScheduleChangeKind.Add).WithMessage("Choose the line to change or remove.");
        When(c => c.Kind != RetentionScheduleChangeKind.Remove, () =>
        {
            RuleFor(c => c.RecordType).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(RetentionScheduleEdit.RecordTypeMissing);
            RuleFor(c => c.RecordType).Must(t => (t ?? "").Trim().Length <= RetentionScheduleEdit.RecordTypeLimit).WithMessage(RetentionScheduleEdit.RecordTypeTooLong);
            RuleFor(c => c.Years).InclusiveBetween(0, RetentionScheduleEdit.MaxYears).WithMessage(RetentionScheduleEdit.YearsOutOfRange);
            RuleFor(c => c.Months).InclusiveBetween(0, 11).WithMessage(RetentionScheduleEdit.MonthsOutOfRange);
            RuleFor(c => c).Must(c => c.Years != 0 || c.Months != 0).WithName(nameof(ChangeRetentionRuleCommand.Years)).WithMessage(RetentionScheduleEdit.PeriodZero);
            RuleFor(c => c.Trigger).IsInEnum().WithMessage(RetentionScheduleEdit.TriggerUnknown);
            RuleFor(c => c.Action).IsInEnum().WithMessage(RetentionScheduleEdit.ActionUnknown);
        });
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(RetentionScheduleEdit.ReasonMissing)
            .MaximumLength(RetentionRuleChange.ReasonLimit).WithMessage(RetentionScheduleEdit.ReasonTooLong);
    }
}

internal sealed class ChangeRetentionRuleHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<ChangeRetentionRuleCommand, Guid>
{
    public async Task<Guid> Handle(ChangeRetentionRuleCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("The retention schedule is kept by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var schedule = await db.RetentionRules.Where(r => r.OrganisationId == organisationId).ToListAsync(cancellationToken);
        var line = new RetentionLine(cmd.RecordType ?? "", cmd.Trigger, cmd.Years, cmd.Months, cmd.Action);
        RetentionRule rule;
        string before = "", after = "";
        switch (cmd.Kind)
        {
            case RetentionScheduleChangeKind.Add:
                rule = new RetentionRule
                {
                    Id = Guid.NewGuid(),
                    OrganisationId = organisationId,
                    RecordType = RetentionScheduleEdit.CheckLine(line, null, schedule, cmd.Reason),
                    Trigger = cmd.Trigger,
                    Years = cmd.Years,
                    Months = cmd.Months,
                    Action = cmd.Action,
                };
                db.RetentionRules.Add(rule);
                after = RetentionScheduleEdit.Describe(rule);
                break;
            case RetentionScheduleChangeKind.Change:
                rule = Find(schedule, cmd.RuleId);
                before = RetentionScheduleEdit.Describe(rule);
                rule.RecordType = RetentionScheduleEdit.CheckLine(line, rule, schedule, cmd.Reason);
                (rule.Trigger, rule.Years, rule.Months, rule.Action) = (cmd.Trigger, cmd.Years, cmd.Months, cmd.Action);
                after = RetentionScheduleEdit.Describe(rule);
                break;
            default:
                rule = Find(schedule, cmd.RuleId);
                RetentionScheduleEdit.CheckReason(cmd.Reason);
                before = RetentionScheduleEdit.Describe(rule);
                db.RetentionRules.Remove(rule);
                break;
        }

        db.RetentionRuleChanges.Add(new RetentionRuleChange
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            RuleId = rule.Id,
            RecordType = rule.RecordType,
            Before = before,
            After = after,
            Reason = RetentionScheduleEdit.CheckReason(cmd.Reason),
            ChangedBy = await ScheduleChanges.ChangedByAsync(db, actor, cancellationToken),
            ChangedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return rule.Id;
    }

    // Another organisation's line is not found, never "forbidden": its existence is not ours to confirm.
    private static RetentionRule Find(List<RetentionRule> schedule, Guid? ruleId) =>
        schedule.SingleOrDefault(r => r.Id == ruleId) ?? throw new NotFoundException("line of your retention schedule");
}

/// <summary>What the schedule's history needs about the person changing it.</summary>
internal static class ScheduleChanges
{
    /// <summary>The DPO as colleagues and the ICO would know them: their display name, else their email, else their account id.</summary>
    public static async Task<string> ChangedByAsync(PortalDb db, ICurrentActor actor, CancellationToken ct)
    {
        var id = actor.UserId ?? throw new ForbiddenException("The retention schedule is kept by a DPO of an organisation.");
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
        var name = !string.IsNullOrWhiteSpace(user?.DisplayName) ? user.DisplayName : !string.IsNullOrWhiteSpace(user?.Email) ? user.Email : $"Account {id}";
        return name.Length > 200 ? name[..200] : name;
    }
}
