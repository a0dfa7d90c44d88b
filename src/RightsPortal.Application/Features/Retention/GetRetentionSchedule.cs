using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>
/// One line of the schedule as the DPO sees it: the organisation's own line (<see cref="RuleId"/> set), or a portal
/// record the organisation has not set, shown with the portal's default.
/// </summary>
public sealed record RetentionScheduleLineView(
    Guid? RuleId,
    string RecordType,
    RetentionTrigger? Trigger,
    string TriggerText,
    int Years,
    int Months,
    string PeriodText,
    RetentionAction Action,
    string ActionText,
    bool SetByOrganisation,
    bool IsPortalRecord,
    bool TriggerIsFixed,
    bool CanBeSet,
    string Description);

/// <summary>One change to the schedule, as its history shows it.</summary>
public sealed record RetentionScheduleChangeView(Guid Id, string RecordType, string Before, string After, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>The organisation's retention schedule, its 29 February choice and the history of changes (newest first).</summary>
public sealed record RetentionScheduleView(
    IReadOnlyList<RetentionScheduleLineView> Lines,
    bool LeapDayToFirstMarch,
    string LeapDayText,
    IReadOnlyList<RetentionScheduleChangeView> History);

/// <summary>The DPO's view of their organisation's retention schedule.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record GetRetentionScheduleQuery : IQuery<RetentionScheduleView>;

internal sealed class GetRetentionScheduleHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetRetentionScheduleQuery, RetentionScheduleView>
{
    public async Task<RetentionScheduleView> Handle(GetRetentionScheduleQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.OrganisationId ?? throw new ForbiddenException("The retention schedule is kept by a DPO of an organisation.");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var leapDay = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.LeapDayToFirstMarch).SingleAsync(cancellationToken);
        var rules = await db.RetentionRules.AsNoTracking().Where(r => r.OrganisationId == organisationId).ToListAsync(cancellationToken);
        var changes = await db.RetentionRuleChanges.AsNoTracking().Where(c => c.OrganisationId == organisationId).ToListAsync(cancellationToken);

        var lines = rules.OrderBy(r => r.RecordType, StringComparer.OrdinalIgnoreCase).Select(Own).ToList();
        // The portal records the organisation has not set, with the portal's default; those kept with another record
        // (messages, uploads) are always shown, with the period of the record they go with.
        lines.AddRange(PortalRecordCatalogue.All
            .Where(d => d.Follows is not null || !PortalRecordCatalogue.RuleFor(d.Kind, rules).SetByOrganisation)
            .Select(d => Default(PortalRecordCatalogue.RuleFor(d.Kind, rules))));

        return new RetentionScheduleView(
            lines,
            leapDay,
            RetentionScheduleEdit.DescribeLeapDay(leapDay),
            [.. changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
                .Select(c => new RetentionScheduleChangeView(c.Id, c.RecordType, c.Before, c.After, c.Reason, c.ChangedBy, c.ChangedAt))]);
    }

    private static RetentionScheduleLineView Own(RetentionRule rule)
    {
        var portal = RetentionScheduleEdit.PortalRecord(rule.RecordType);
        var triggerText = portal is not null && RetentionScheduleEdit.TriggerFor(portal.Trigger) is null
            ? "After " + PortalRecordCatalogue.TriggerName(portal.Trigger)
            : Capitalise(RetentionScheduleEdit.TriggerPhrase(rule.Trigger));
        return new(rule.Id, rule.RecordType, rule.Trigger, triggerText, rule.Years, rule.Months, rule.PeriodText, rule.Action,
            Capitalise(PortalRecordCatalogue.ActionName(rule.Action)), SetByOrganisation: true, IsPortalRecord: portal is not null,
            TriggerIsFixed: portal is not null, CanBeSet: true, RetentionScheduleEdit.Describe(rule));
    }

    private static RetentionScheduleLineView Default(PortalRetentionRule rule)
    {
        var trigger = RetentionScheduleEdit.TriggerFor(rule.Trigger);
        var follows = rule.Trigger == PortalRecordTrigger.FollowsRecord;
        return new(null, rule.Name, trigger, follows ? "Kept with the file it belongs to" : Capitalise("after " + PortalRecordCatalogue.TriggerName(rule.Trigger)),
            rule.Years, rule.Months, rule.PeriodText, rule.Action, Capitalise(PortalRecordCatalogue.ActionName(rule.Action)),
            SetByOrganisation: false, IsPortalRecord: true, TriggerIsFixed: true, CanBeSet: !follows, rule.Describe());
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
