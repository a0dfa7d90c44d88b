using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Retention;

/// <summary>What the DPO decided about an item that reached its date.</summary>
public enum RetentionReviewDecision
{
    /// <summary>Kept for a stated reason until a later date, when it is reviewed again.</summary>
    Keep,

    /// <summary>Destruction approved: the retention sweep destroys it.</summary>
    Destroy,
}

/// <summary>
/// The DPO's decision on one due item: keep it, for a reason, until a date after today; or approve its destruction,
/// never while a hold is in force. Who decided and when are recorded either way.
/// </summary>
public sealed class RetentionReview
{
    /// <summary>Longest reason for keeping an item.</summary>
    public const int ReasonLimit = 2000;

    private RetentionReview()
    {
        // For the database mapper.
        DecidedBy = RuleApplied = "";
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid? RequestId { get; private set; }
    public string? Reference { get; private set; }
    public PortalRecordKind Kind { get; private set; }

    /// <summary>The date the item was due when the decision was made.</summary>
    public DateOnly DueSince { get; private set; }

    public RetentionReviewDecision Decision { get; private set; }

    /// <summary>Why the item is kept (a keep decision only).</summary>
    public string? Reason { get; private set; }

    /// <summary>The date the item is due again (a keep decision only).</summary>
    public DateOnly? KeepUntil { get; private set; }

    /// <summary>The rule the item was due under, in words, as the record of destruction states it.</summary>
    public string RuleApplied { get; private set; }

    public string DecidedBy { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>Keep a due item until a later date, for a stated reason.</summary>
    public static RetentionReview Keep(Guid organisationId, DueItem item, string reason, DateOnly keepUntil, string decidedBy, DateTimeOffset decidedAt, DateOnly today)
    {
        RefuseNotDue(item, today);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Say why the record must be kept longer than the schedule allows.");
        var why = reason.Trim();
        if (why.Length > ReasonLimit) throw new DomainRuleException($"Keep the reason to {ReasonLimit} characters or fewer.");
        if (keepUntil <= today) throw new DomainRuleException($"Choose a date after today ({UkDates.Short(today)}) to keep the record until.");
        return New(organisationId, item, RetentionReviewDecision.Keep, decidedBy, decidedAt, r =>
        {
            r.Reason = why;
            r.KeepUntil = keepUntil;
        });
    }

    /// <summary>Approve the destruction of a due item; refused while any hold is in force on it.</summary>
    /// <param name="item">The item as it stands now (worked out again at the moment of decision, with the holds in force).</param>
    public static RetentionReview ApproveDestruction(Guid organisationId, DueItem item, string decidedBy, DateTimeOffset decidedAt, DateOnly today)
    {
        RefuseNotDue(item, today);
        if (item.IsHeld)
        {
            throw new DomainRuleException("This record cannot be destroyed while a hold is in force. " + string.Join(" ", item.Holds.Select(h => h.Explanation)));
        }

        return New(organisationId, item, RetentionReviewDecision.Destroy, decidedBy, decidedAt, _ => { });
    }

    private static void RefuseNotDue(DueItem item, DateOnly today)
    {
        if (item.DueSince > today) throw new DomainRuleException($"This record is not due for review until {UkDates.Short(item.DueSince)}.");
    }

    private static RetentionReview New(Guid organisationId, DueItem item, RetentionReviewDecision decision, string decidedBy, DateTimeOffset decidedAt, Action<RetentionReview> details)
    {
        if (string.IsNullOrWhiteSpace(decidedBy)) throw new DomainRuleException("Record who made the decision.");
        var review = new RetentionReview
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            RequestId = item.RequestId,
            Reference = item.Reference,
            Kind = item.Kind,
            DueSince = item.DueSince,
            Decision = decision,
            RuleApplied = item.Rule.Describe(),
            DecidedBy = decidedBy.Trim(),
            DecidedAt = decidedAt,
        };
        details(review);
        return review;
    }
}
