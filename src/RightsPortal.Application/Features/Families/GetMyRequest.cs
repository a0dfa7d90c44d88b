using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>
/// One of a signed-in family's own requests, by its reference: where it stands, when they will hear and why, and what
/// has happened. Another family's reference is simply not found (nothing says it exists).
/// </summary>
[RequiresFamily]
public sealed record GetMyRequestQuery(string Reference) : IQuery<MyRequestDetail>;

public sealed record MyRequestDetail(
    string Reference,
    string OrganisationName,
    string InformationGovernanceContact,
    string RightDescription,
    string SubjectName,
    string Status,
    bool Finished,
    DateOnly ReceivedOn,
    DateOnly HearByOn,
    IReadOnlyList<string> HearByExplanation,
    IReadOnlyList<MyTimelineEntry> Timeline)
{
    /// <summary>Messages between the family and the team, oldest first.</summary>
    public IReadOnlyList<MyMessage> Messages { get; init; } = [];

    /// <summary>The clock is paused for the family's answer: their next message restarts it.</summary>
    public bool AwaitingClarification { get; init; }

    /// <summary>Where to complain to the organisation about how this request was handled (its own complaint form).</summary>
    public string ComplaintAddress { get; init; } = "";

    /// <summary>This request is itself a complaint: the next step is the ICO, not another complaint.</summary>
    public bool IsComplaint { get; init; }
}

/// <summary>One message on the family's request: "You" or the team, never a member of staff's name.</summary>
public sealed record MyMessage(DateTimeOffset At, string Who, string Text);

/// <summary>What happened, as the family sees it: staff are "the information governance team", never named.</summary>
public sealed record MyTimelineEntry(DateTimeOffset At, string Who, string What, string Detail);

public static class FamilyTimeline
{
    public const string Team = "The information governance team";

    /// <summary>
    /// The team's own working notes (records found, searches of its services, its authority checks, its decision and
    /// draft before the response is sent): not shown to families. The response itself shows once it is sent ("Closed").
    /// </summary>
    public static readonly IReadOnlySet<string> InternalKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "Record listed", "Record removed from list", "Search requested", "Search findings", "Authority recorded",
        "Decision recorded", "Response drafted",
    };

    public static IReadOnlyList<MyTimelineEntry> For(RightsRequest r) =>
        [.. r.Events
            .Where(e => !InternalKinds.Contains(e.Kind))
            .OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .Select(e => new MyTimelineEntry(e.At, e.ActorId == "family" ? "You" : Team, e.Kind, e.Detail))];
}

internal sealed class GetMyRequestHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<GetMyRequestQuery, MyRequestDetail>
{
    public async Task<MyRequestDetail> Handle(GetMyRequestQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var r = await FamilyRequests.FindOwnAsync(db.Requests.AsNoTracking(), actor, query.Reference, cancellationToken);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == r.OrganisationId)
            .Select(o => new { o.Name, o.Code, o.InformationGovernanceContact })
            .SingleAsync(cancellationToken);

        return new MyRequestDetail(r.Reference, organisation.Name, organisation.InformationGovernanceContact, r.Right.Describe(),
            r.SubjectName, r.Status.Describe(), r.Status.IsFinished(), r.ReceivedOn, r.DueOn,
            // The organisation's own internal target is for its staff: families are told the legal limit.
            [.. r.DueExplanation.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("Internal target", StringComparison.Ordinal))],
            FamilyTimeline.For(r))
        {
            Messages = [.. r.Messages.OrderBy(m => m.At).ThenBy(m => m.Sequence).Select(m => new MyMessage(m.At, m.FromFamily ? "You" : FamilyTimeline.Team, m.Text))],
            AwaitingClarification = r.Status == RequestStatus.ClarificationRequested,
            ComplaintAddress = $"/{organisation.Code.ToLowerInvariant()}/request/{Public.RightQuestions.Slug(Right.Complaint)}",
            IsComplaint = r.Right == Right.Complaint,
        };
    }
}
