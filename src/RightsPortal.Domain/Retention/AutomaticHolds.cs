using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Retention;

/// <summary>The facts about another case for the same child that can hold this child's records.</summary>
public sealed record RelatedCase(string Reference, Right Right, RequestStatus Status, HearingKind? HearingKind, DateOnly? HearingOn);

/// <summary>Why records are held without anyone placing a hold.</summary>
public enum AutomaticHoldReason
{
    OpenRequest,
    OpenComplaint,
    HearingNotYetPast,
}

/// <summary>A hold that comes from the facts of a case, not from a person: it ends by itself.</summary>
/// <param name="Until">The last day held, for a hearing; none for an open case (held until it closes).</param>
public sealed record AutomaticHold(AutomaticHoldReason Reason, string Reference, DateOnly? Until, string Explanation);

/// <summary>
/// Holds that follow from other cases about the same child: an open rights request or complaint holds the child's
/// records until it closes (its answer may need them); a hearing holds them until the hearing day is past.
/// </summary>
public static class AutomaticHolds
{
    /// <summary>The automatic holds on a child's records today, given the other cases about that child.</summary>
    public static IReadOnlyList<AutomaticHold> For(IEnumerable<RelatedCase> casesForChild, DateOnly today)
    {
        var holds = new List<AutomaticHold>();
        foreach (var other in casesForChild.OrderBy(c => c.Reference, StringComparer.Ordinal))
        {
            if (!other.Status.IsFinished())
            {
                holds.Add(other.Right == Right.Complaint
                    ? new(AutomaticHoldReason.OpenComplaint, other.Reference, null,
                        $"Held while complaint {other.Reference} about this child is open.")
                    : new(AutomaticHoldReason.OpenRequest, other.Reference, null,
                        $"Held while request {other.Reference} about this child is open."));
            }

            if (Hearing(other.Reference, other.HearingKind, other.HearingOn, today) is { } hearing)
            {
                holds.Add(hearing);
            }
        }

        return holds;
    }

    /// <summary>A hearing recorded on a case holds the child's records until the hearing day is past (the day itself still holds).</summary>
    public static AutomaticHold? Hearing(string reference, HearingKind? kind, DateOnly? hearingOn, DateOnly today)
    {
        if (hearingOn is not { } hearing || hearing < today) return null;
        var name = kind is { } k ? RightsRequest.HearingName(k) : "Hearing";
        return new(AutomaticHoldReason.HearingNotYetPast, reference, hearing,
            $"Held until {UkDates.Short(hearing)} is past: {name} on case {reference}.");
    }
}
