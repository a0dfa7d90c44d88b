using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Retention;

/// <summary>An organisation's choices for its portal records: its own schedule lines, and where a 29 February trigger ends.</summary>
public sealed record RetentionSettings(IReadOnlyList<RetentionRule> OrganisationRules, bool LeapDayToFirstMarch)
{
    /// <summary>The portal's defaults: no schedule lines of the organisation's own, 29 February ends on 28 February.</summary>
    public static RetentionSettings Defaults { get; } = new([], false);
}

/// <summary>The facts about one case that decide when its records fall due (no personal data beyond the child's key).</summary>
/// <param name="LastContactOn">The last message, letter or call with the family about the case, if known.</param>
/// <param name="IdentityDecidedOn">When it was decided that the proof of identity did (or did not) verify the requester.</param>
/// <param name="HasIdentityDocuments">Whether copies of identity documents are still stored.</param>
public sealed record CaseRetentionFacts(
    Guid RequestId,
    string Reference,
    Right Right,
    RequestStatus Status,
    DateOnly? ClosedOn,
    DateOnly? LastContactOn,
    DateOnly? IdentityDecidedOn,
    bool HasIdentityDocuments,
    ChildKey Child,
    HearingKind? HearingKind = null,
    DateOnly? HearingOn = null);

/// <summary>What happens to an item that has reached its date.</summary>
public enum DueDisposition
{
    /// <summary>Destroyed by the retention sweep without anyone deciding.</summary>
    DestroyAutomatically,

    /// <summary>Waits for the DPO to keep it for a stated reason or approve its destruction.</summary>
    ReviewByDpo,

    /// <summary>A hold is in force: nothing is destroyed until it ends.</summary>
    Held,
}

/// <summary>One reason an item is held: a legal hold placed by a person, or an automatic hold from another case.</summary>
public sealed record RetentionHold(string Explanation, Guid? LegalHoldId, AutomaticHoldReason? Automatic);

/// <summary>A record that has reached the end of its retention period, and what happens to it.</summary>
/// <param name="Covers">The record kinds destroyed with it (the file's messages and uploads go with the file).</param>
/// <param name="DueSince">The first day the record is no longer needed: the period's end, or a DPO's keep date.</param>
public sealed record DueItem(
    Guid? RequestId,
    string? Reference,
    PortalRecordKind Kind,
    IReadOnlyList<PortalRecordKind> Covers,
    DateOnly DueSince,
    DueDisposition Disposition,
    PortalRetentionRule Rule,
    IReadOnlyList<RetentionHold> Holds,
    string Explanation)
{
    public bool IsHeld => Holds.Count > 0;
}

/// <summary>
/// Which of the portal's own records have reached their date, given a case's facts and today. A case file or
/// complaint file is never due while the case is open; identity documents fall due a month after the identity
/// decision whatever the case's state, because only the fact that ID was checked is needed after that.
/// </summary>
public static class RetentionDue
{
    /// <summary>The items of one case due today, each to destroy, to review, or held.</summary>
    /// <param name="holds">Legal holds of the organisation (those released, or on other cases and children, are ignored).</param>
    /// <param name="otherCasesForChild">The organisation's other cases about the same child.</param>
    /// <param name="reviews">Earlier DPO decisions on this case's items: a keep decision moves the date on.</param>
    public static IReadOnlyList<DueItem> ForCase(
        CaseRetentionFacts facts,
        RetentionSettings settings,
        IEnumerable<LegalHold> holds,
        IEnumerable<RelatedCase> otherCasesForChild,
        IEnumerable<RetentionReview> reviews,
        DateOnly today)
    {
        var inForce = HoldsOn(facts, holds, otherCasesForChild, today);
        var decided = reviews.Where(r => r.RequestId == facts.RequestId).ToList();
        var due = new List<DueItem>();

        if (facts.HasIdentityDocuments && facts.IdentityDecidedOn is { } decidedOn)
        {
            var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.IdentityDocuments, settings.OrganisationRules);
            var ends = rule.EndsOn(decidedOn, settings.LeapDayToFirstMarch);
            Add(due, facts, rule, ends, $"identity decided on {UkDates.Short(decidedOn)} plus {rule.PeriodText}", inForce, decided, today);
        }

        if (facts.Status.IsFinished() && facts.ClosedOn is { } closedOn)
        {
            var kind = FileKind(facts.Right);
            var rule = PortalRecordCatalogue.RuleFor(kind, settings.OrganisationRules);
            var (ends, why) = FileEndsOn(rule, closedOn, facts.LastContactOn, settings.LeapDayToFirstMarch);
            Add(due, facts, rule, ends, why, inForce, decided, today);
        }

        return due;
    }

    /// <summary>
    /// The copy of one sent email, due a month (by default) after it was sent unless a hold covers its case or child:
    /// a legal hold, or (given the child's cases, its own included) an open request or complaint or a hearing to come.
    /// </summary>
    public static DueItem? ForSentMail(DateOnly sentOn, Guid? requestId, string? reference, ChildKey? child, RetentionSettings settings, IEnumerable<LegalHold> holds, DateOnly today,
        IEnumerable<RelatedCase>? casesForChild = null)
    {
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.SentMailBodies, settings.OrganisationRules);
        var ends = rule.EndsOn(sentOn, settings.LeapDayToFirstMarch);
        if (ends > today) return null;
        var held = holds.Where(h => h.Holds(requestId, child)).Select(h => new RetentionHold(h.Describe(), h.Id, null)).ToList();
        held.AddRange(AutomaticHolds.For(casesForChild ?? [], today).Select(a => new RetentionHold(a.Explanation, null, a.Reason)));
        return Item(requestId, reference, rule, ends, $"sent on {UkDates.Short(sentOn)} plus {rule.PeriodText}", held);
    }

    /// <summary>The file a case is kept as: a complaint's own file, or the rights-request case file.</summary>
    public static PortalRecordKind FileKind(Right right) => right == Right.Complaint ? PortalRecordKind.ComplaintFile : PortalRecordKind.CaseFile;

    /// <summary>
    /// When a closed file's period ends: closure plus the period, but never sooner than the minimum after the last
    /// contact (4 months for a rights-request case file), with the reason in words.
    /// </summary>
    public static (DateOnly EndsOn, string Why) FileEndsOn(PortalRetentionRule rule, DateOnly closedOn, DateOnly? lastContactOn, bool leapDayToFirstMarch)
    {
        var ends = rule.EndsOn(closedOn, leapDayToFirstMarch);
        var why = $"closed on {UkDates.Short(closedOn)} plus {rule.PeriodText}";
        if (rule.MinimumMonthsAfterLastContact is { } months && lastContactOn is { } contact && contact.AddMonths(months) > ends)
        {
            ends = contact.AddMonths(months);
            why = $"last contact on {UkDates.Short(contact)} plus {months} months, which is later than {why}";
        }

        return (ends, why);
    }

    private static List<RetentionHold> HoldsOn(CaseRetentionFacts facts, IEnumerable<LegalHold> holds, IEnumerable<RelatedCase> otherCasesForChild, DateOnly today)
    {
        var held = holds.Where(h => h.Holds(facts.RequestId, facts.Child))
            .Select(h => new RetentionHold(h.Describe(), h.Id, null))
            .ToList();
        var automatic = AutomaticHolds.For(otherCasesForChild.Where(c => c.Reference != facts.Reference), today).ToList();

        // The case's own hearing holds it too; its own openness does not (an open case's file is simply not due).
        if (AutomaticHolds.Hearing(facts.Reference, facts.HearingKind, facts.HearingOn, today) is { } own) automatic.Add(own);
        held.AddRange(automatic.Select(a => new RetentionHold(a.Explanation, null, a.Reason)));
        return held;
    }

    private static void Add(List<DueItem> due, CaseRetentionFacts facts, PortalRetentionRule rule, DateOnly ends, string why, List<RetentionHold> holds, List<RetentionReview> reviews, DateOnly today)
    {
        // A DPO who kept the item chose a later date: it is due again from then, and asked about again.
        var kept = reviews.Where(r => r.Kind == rule.Kind && r.Decision == RetentionReviewDecision.Keep && r.KeepUntil > ends)
            .OrderByDescending(r => r.KeepUntil).FirstOrDefault();
        if (kept is not null)
        {
            ends = kept.KeepUntil!.Value;
            why = $"kept by {kept.DecidedBy} until {UkDates.Short(ends)}: {kept.Reason}";
        }

        if (ends > today) return;

        // Destruction approved but not yet carried out: the sweep destroys it, unless a hold has been placed since. An
        // approval is for the date it was given on: a file reopened (an internal review) and closed again falls due on
        // a new date and goes back to the DPO.
        var approved = reviews.Any(r => r.Kind == rule.Kind && r.Decision == RetentionReviewDecision.Destroy && r.DueSince == ends
                                        && (kept is null || r.DecidedAt > kept.DecidedAt));
        var disposition = approved ? DueDisposition.DestroyAutomatically : kept is not null ? DueDisposition.ReviewByDpo : (DueDisposition?)null;
        due.Add(Item(facts.RequestId, facts.Reference, rule, ends, why, holds, disposition));
    }

    private static DueItem Item(Guid? requestId, string? reference, PortalRetentionRule rule, DateOnly ends, string why, List<RetentionHold> holds, DueDisposition? decided = null)
    {
        var disposition = holds.Count > 0 ? DueDisposition.Held
            : decided ?? (rule.Action == RetentionAction.Destroy ? DueDisposition.DestroyAutomatically
                : DueDisposition.ReviewByDpo); // Review and Anonymise both need a person to decide.
        var covers = new List<PortalRecordKind> { rule.Kind };
        if (rule.Kind is PortalRecordKind.CaseFile or PortalRecordKind.ComplaintFile)
        {
            // A file's messages and uploads go with it, whichever kind of file it is.
            covers.AddRange(PortalRecordCatalogue.Followers(PortalRecordKind.CaseFile));
        }

        var text = $"{rule.Name}: due since {UkDates.Short(ends)} ({why}); " + disposition switch
        {
            DueDisposition.Held => "held, not destroyed: " + string.Join(" ", holds.Select(h => h.Explanation)),
            DueDisposition.DestroyAutomatically => "destroyed automatically.",
            _ => "waiting for the DPO's review.",
        };
        return new DueItem(requestId, reference, rule.Kind, covers, ends, disposition, rule, holds, text);
    }
}
