using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Casework;

/// <summary>One request, read-only, for a caseworker of the organisation that holds it (anyone else: not found).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetRequestDetailQuery(Guid RequestId) : IQuery<RequestDetail>;

public sealed record RequestDetail(
    Guid Id,
    string Reference,
    Right Right,
    RequestStatus Status,
    Channel Channel,
    RequesterRole RequesterRole,
    string RequesterName,
    string RequesterEmail,
    string SubjectName,
    DateOnly SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string> DataCategories,
    string? Details,
    DateOnly ReceivedOn,
    DateOnly StartOn,
    DateOnly DueOn,
    IReadOnlyList<string> DueExplanation,
    DateOnly? InternalTargetOn = null,
    DateOnly? ExtensionNoticeBy = null,
    int PausedDays = 0,
    bool Paused = false)
{
    /// <summary>The version the caseworker is looking at: every change names it, so nobody overwrites a change they have not seen.</summary>
    public Guid Version { get; init; }

    public IReadOnlyList<CaseAction> AllowedActions { get; init; } = [];

    /// <summary>Who has the case (user id and name), if it was given to someone.</summary>
    public string? AssignedTo { get; init; }

    public string? AssignedToName { get; init; }

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>When the case was destroyed under the retention schedule (its tombstone is all that is left), under which rule, approved by whom.</summary>
    public DateTimeOffset? DestroyedAt { get; init; }

    public string? DestroyedUnderRule { get; init; }
    public string? DestructionApprovedBy { get; init; }

    public Outcome? Outcome { get; init; }
    public string? ResponseSummary { get; init; }
    public DateOnly? ResponseSentOn { get; init; }
    public string? RefusalReasons { get; init; }
    public string? IdentityDecisionReason { get; init; }
    public bool? IdentityNeeded { get; init; }
    public string? ExtensionReason { get; init; }
    public HearingKind? HearingKind { get; init; }
    public DateOnly? HearingOn { get; init; }
    public bool DueAfterHearing { get; init; }
    public PreferredFormat PreferredFormat { get; init; }
    public ContactRoute ContactRoute { get; init; }
    public string? AdjustmentNotes { get; init; }
    public IReadOnlyList<SearchTaskView> Searches { get; init; } = [];

    /// <summary>Files sent with the request (ID, authority, evidence), oldest first.</summary>
    public IReadOnlyList<CaseFileView> Files { get; init; } = [];

    /// <summary>The organisation's services a search can be asked of.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>What the family told us when asking: the right's own questions and their answers, in order.</summary>
    public IReadOnlyList<AnswerView> Answers { get; init; } = [];

    /// <summary>Where the child stands today: child, young person (SEND) or adult, and from when.</summary>
    public SubjectStage SubjectStage { get; init; }
    public DateOnly YoungPersonFrom { get; init; }
    public IReadOnlyList<AuthorityView> Authorities { get; init; } = [];
    public IReadOnlyList<AuthorityWarning> AuthorityWarnings { get; init; } = [];

    public FeeBasis? FeeBasis { get; init; }
    public decimal? FeeAmount { get; init; }
    public string? FeeReason { get; init; }
    public DateOnly? FeeRequestedOn { get; init; }
    public DateOnly? FeePaidOn { get; init; }

    /// <summary>Access: each record found and what is done with it.</summary>
    public IReadOnlyList<DisclosureView> Disclosures { get; init; } = [];

    /// <summary>The decisions this right allows (none for access, which rests on its list of records).</summary>
    public IReadOnlyList<DecisionKind> DecisionKinds { get; init; } = [];
    public DecisionKind? Decision { get; init; }
    public string? DecisionReasons { get; init; }
    public string? RecipientsTold { get; init; }
    public string? ErasureBlockedBy { get; init; }

    /// <summary>Erasure: what the retention schedule says today about the records asked for.</summary>
    public IReadOnlyList<ErasureBlock> ErasureBlocks { get; init; } = [];
    public RestrictionGround? RestrictionGround { get; init; }
    public DateOnly? RestrictionPlacedOn { get; init; }
    public DateOnly? RestrictionLiftNoticeOn { get; init; }
    public DateOnly? RestrictionLiftedOn { get; init; }
    public bool AccessOffered { get; init; }

    public Guid? TransferredToRequestId { get; init; }
    public string? TransferredToReference { get; init; }
    public Guid? TransferredFromRequestId { get; init; }
    public string? TransferredFromReference { get; init; }
    public string? TransferNotice { get; init; }

    /// <summary>Messages between the family and the team, oldest first.</summary>
    public IReadOnlyList<CaseMessageView> Messages { get; init; } = [];

    /// <summary>The other children in the same family's request, each with its own case (links stay within this organisation).</summary>
    public IReadOnlyList<FamilyCaseView> FamilyCases { get; init; } = [];

    /// <summary>
    /// Everything the case itself says, as the case page shows it on <paramref name="today"/>. The query adds what
    /// lives elsewhere: category names, staff names on the timeline, the organisation's services, the erasure check
    /// against its schedule, and the family's other cases.
    /// </summary>
    public static RequestDetail FromCase(RightsRequest r, DateOnly today) =>
        new(r.Id, r.Reference, r.Right, r.Status, r.Channel, r.RequesterRole, r.RequesterName, r.RequesterEmail,
            r.SubjectName, r.SubjectDateOfBirth, r.SubjectSetting, r.DataCategories, r.Details, r.ReceivedOn, r.StartOn, r.DueOn,
            r.DueExplanation.Split('\n'), r.InternalTargetOn, r.ExtensionNoticeBy, r.PausedDays, r.OpenPause is not null && r.Status == RequestStatus.ClarificationRequested)
        {
            Version = r.Version,
            AssignedTo = r.AssignedTo,
            DestroyedAt = r.DestroyedAt,
            DestroyedUnderRule = r.DestroyedUnderRule,
            DestructionApprovedBy = r.DestructionApprovedBy,
            AllowedActions = r.AllowedActions(today),
            Answers = [.. r.Answers.OrderBy(a => a.Sequence).Select(a => new AnswerView(a.Question, a.Answer))],
            Timeline = [.. r.Events.OrderBy(e => e.At).ThenBy(e => e.Sequence).Select(e => new TimelineEntry(e.At, e.ActorId, e.Kind, e.Detail))],
            Messages = [.. r.Messages.OrderBy(m => m.At).ThenBy(m => m.Sequence).Select(m => new CaseMessageView(m.At, m.FromFamily, m.AuthorId, m.Text))],
            Outcome = r.Outcome,
            ResponseSummary = r.ResponseSummary,
            ResponseSentOn = r.ResponseSentOn,
            RefusalReasons = r.RefusalReasons,
            IdentityDecisionReason = r.IdentityDecisionReason,
            IdentityNeeded = r.IdentityNeeded,
            ExtensionReason = r.ExtensionReason,
            HearingKind = r.HearingKind,
            HearingOn = r.HearingOn,
            DueAfterHearing = r.DueAfterHearing,
            PreferredFormat = r.PreferredFormat,
            ContactRoute = r.ContactRoute,
            AdjustmentNotes = r.AdjustmentNotes,
            Searches = [.. r.SearchTasks.OrderBy(t => t.AskedOn).ThenBy(t => t.ServiceName)
                .Select(t => new SearchTaskView(t.Id, t.ServiceName, t.Instructions, t.AskedOn, t.DueOn, t.CompletedOn, t.Findings))],
            SubjectStage = YoungPerson.StageOn(r.SubjectDateOfBirth, today),
            YoungPersonFrom = YoungPerson.From(r.SubjectDateOfBirth),
            Authorities = [.. r.Authorities.OrderBy(a => a.Sequence).Select(a => new AuthorityView(a.Kind, a.Detail, a.ChildIsCompetent, a.RecordedOn))],
            AuthorityWarnings = r.AuthorityWarnings(today),
            FeeBasis = r.FeeBasis,
            FeeAmount = r.FeeAmount,
            FeeReason = r.FeeReason,
            FeeRequestedOn = r.FeeRequestedOn,
            FeePaidOn = r.FeePaidOn,
            Disclosures = [.. r.Disclosures.OrderBy(d => d.Sequence).Select(d => new DisclosureView(d.Id, d.Description, d.Disposition, d.Exemption, d.Reason))],
            DecisionKinds = DecisionRules.KindsFor(r.Right),
            Decision = r.Decision,
            DecisionReasons = r.DecisionReasons,
            RecipientsTold = r.RecipientsTold,
            ErasureBlockedBy = r.ErasureBlockedBy,
            RestrictionGround = r.RestrictionGround,
            RestrictionPlacedOn = r.RestrictionPlacedOn,
            RestrictionLiftNoticeOn = r.RestrictionLiftNoticeOn,
            RestrictionLiftedOn = r.RestrictionLiftedOn,
            AccessOffered = r.AccessOffered,
            TransferredToRequestId = r.TransferredToRequestId,
            TransferredToReference = r.TransferredToReference,
            TransferredFromRequestId = r.TransferredFromRequestId,
            TransferredFromReference = r.TransferredFromReference,
            TransferNotice = r.TransferNotice,
        };
}

public sealed record AnswerView(string Question, string Answer);

public sealed record AuthorityView(AuthorityKind Kind, string Detail, bool? ChildIsCompetent, DateOnly RecordedOn);

public sealed record DisclosureView(Guid Id, string Description, Disposition Disposition, Exemption? Exemption, string? Reason);

public sealed record FamilyCaseView(Guid Id, string Reference, string SubjectName, RequestStatus Status, DateOnly DueOn);

public sealed record SearchTaskView(Guid Id, string ServiceName, string Instructions, DateOnly AskedOn, DateOnly DueOn, DateOnly? CompletedOn, string? Findings);

/// <summary>One timeline entry as the case page shows it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Who, string What, string Detail);

internal sealed class GetRequestDetailHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<GetRequestDetailQuery, RequestDetail>
{
    public async Task<RequestDetail> Handle(GetRequestDetailQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var r = await db.Requests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == query.RequestId && r.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("request");

        // Show category names as the organisation words them, in its order.
        var names = await db.DataCategories.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId)
            .OrderBy(c => c.Order)
            .Select(c => new { c.Code, c.Name })
            .ToListAsync(cancellationToken);
        var categories = names.Where(n => r.DataCategories.Contains(n.Code)).Select(n => n.Name).ToList();

        // Staff are named as they appear to colleagues; the family as the family.
        var actorIds = r.Events.Select(e => e.ActorId).Append(r.AssignedTo ?? "").Distinct().ToList();
        var staffNames = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, cancellationToken);

        var today = clock.UkToday();
        var retention = r.Right == Right.Erasure
            ? await db.RetentionRules.AsNoTracking().Where(x => x.OrganisationId == organisationId).ToListAsync(cancellationToken)
            : [];
        // Where a 29 February birthday's period ends is the organisation's choice, made with its schedule.
        var leapDayToFirstMarch = r.Right == Right.Erasure
            && await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.LeapDayToFirstMarch).SingleAsync(cancellationToken);
        var family = r.FamilyGroupId is { } group
            ? await db.Requests.AsNoTracking()
                .Where(x => x.OrganisationId == organisationId && x.Id != r.Id && x.DestroyedAt == null && (x.FamilyGroupId == group || x.Id == group))
                .OrderBy(x => x.Reference)
                .Select(x => new FamilyCaseView(x.Id, x.Reference, x.SubjectName, x.Status, x.DueOn))
                .ToListAsync(cancellationToken)
            : [];

        return RequestDetail.FromCase(r, today) with
        {
            DataCategories = categories,
            Timeline = [.. r.Events.OrderBy(e => e.At).ThenBy(e => e.Sequence).Select(e => new TimelineEntry(e.At,
                e.ActorId switch
                {
                    "family" => "The family",
                    Retention.RunRetentionSweep.Actor => "The retention sweep",
                    _ => staffNames.GetValueOrDefault(e.ActorId, "A member of staff"),
                }, e.Kind, e.Detail))],
            Services = await db.OrganisationServices.AsNoTracking().Where(s => s.OrganisationId == organisationId)
                .OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken),
            ErasureBlocks = r.Right == Right.Erasure ? ErasureCheck.Blocks(retention, r.DataCategories.ToList(), r.SubjectDateOfBirth, today, leapDayToFirstMarch) : [],
            FamilyCases = family,
            Files = await CaseFiles.ForRequestAsync(db, r.Id, cancellationToken),
            AssignedToName = r.AssignedTo is { } assignee ? staffNames.GetValueOrDefault(assignee, "A member of staff who has left") : null,
        };
    }
}
