using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Retention;

/// <summary>
/// The facts about a case that carry no personal data: enough to count it, answer "was it on time, and how did it
/// end", and show it was destroyed lawfully. No names, addresses, dates of birth, free text or files.
/// </summary>
public sealed record TombstoneFacts(
    Guid RequestId,
    Guid OrganisationId,
    string Reference,
    Right Right,
    RequestStatus FinalStatus,
    DateOnly ReceivedOn,
    DateOnly? ClosedOn,
    DateOnly? ResponseSentOn,
    Outcome? Outcome,
    DecisionKind? Decision)
{
    /// <summary>The non-personal facts of a request, picked field by field (nothing the family or staff wrote is taken).</summary>
    public static TombstoneFacts Of(RightsRequest request) => new(
        request.Id,
        request.OrganisationId,
        request.Reference,
        request.Right,
        request.Status,
        request.ReceivedOn,
        request.ClosedOn,
        request.ResponseSentOn,
        request.Outcome,
        request.Decision);
}

/// <summary>
/// What remains of a destroyed case: the record of destruction the law expects (what, when, who approved, under which
/// rule) without the personal data destroyed.
/// </summary>
public sealed record Tombstone(
    Guid RequestId,
    Guid OrganisationId,
    string Reference,
    Right Right,
    RequestStatus FinalStatus,
    DateOnly ReceivedOn,
    DateOnly ClosedOn,
    DateOnly? ResponseSentOn,
    Outcome? Outcome,
    DecisionKind? Decision,
    string RuleApplied,
    DateTimeOffset DestroyedAt,
    string ApprovedBy)
{
    /// <summary>Who "approved" a destruction the schedule makes automatic.</summary>
    public const string AutomaticSweep = "Retention sweep (automatic under the schedule)";

    /// <summary>The tombstone of a finished case destroyed under <paramref name="rule"/>.</summary>
    public static Tombstone Of(TombstoneFacts facts, PortalRetentionRule rule, DateTimeOffset destroyedAt, string approvedBy)
    {
        if (!facts.FinalStatus.IsFinished() || facts.ClosedOn is not { } closedOn)
        {
            throw new DomainRuleException("An open case is not destroyed: its records are needed to answer it.");
        }

        if (string.IsNullOrWhiteSpace(approvedBy)) throw new DomainRuleException("Record who approved the destruction.");
        return new(facts.RequestId, facts.OrganisationId, facts.Reference, facts.Right, facts.FinalStatus, facts.ReceivedOn, closedOn,
            facts.ResponseSentOn, facts.Outcome, facts.Decision, rule.Describe(), destroyedAt, approvedBy.Trim());
    }
}
