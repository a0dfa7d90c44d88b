using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>One of the portal's records about a case that has reached its date, with what happens to it.</summary>
/// <param name="ApprovedBy">For an item the sweep may destroy: the DPO who approved it, or the automatic sweep.</param>
public sealed record DueRecord(Guid RequestId, string Reference, Right Right, DateOnly? ClosedOn, DueItem Item, string? ApprovedBy);

/// <summary>
/// Finds an organisation's records that have reached the end of their retention period today, applying its schedule,
/// legal holds, the automatic holds from the child's other open cases and hearings, and the DPO's earlier decisions.
/// Read-only: the sweep destroys what it returns as "destroy", the DPO's review queue shows the rest.
/// </summary>
internal static class FindDueRecords
{
    /// <summary>Slack on the database's pre-filter: month ends make several closing days end on the same day.</summary>
    private const int SlackDays = 4;

    public static async Task<RetentionSettings> SettingsAsync(PortalDb db, Guid organisationId, CancellationToken ct)
    {
        var leapDay = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.LeapDayToFirstMarch).SingleAsync(ct);
        var rules = await db.RetentionRules.AsNoTracking().Where(r => r.OrganisationId == organisationId).ToListAsync(ct);
        return new RetentionSettings(rules, leapDay);
    }

    /// <summary>The latest trigger day whose period can have ended by today (a pre-filter; the exact date is worked out per item).</summary>
    public static DateOnly LatestTrigger(PortalRetentionRule rule, DateOnly today) => today.AddYears(-rule.Years).AddMonths(-rule.Months).AddDays(SlackDays);

    /// <param name="onlyRequests">Just these cases: to check items again at the moment a DPO decides, or inside the sweep's transaction.</param>
    public static async Task<IReadOnlyList<DueRecord>> ForOrganisationAsync(PortalDb db, Guid organisationId, DateOnly today, CancellationToken ct, IReadOnlyCollection<Guid>? onlyRequests = null)
    {
        var settings = await SettingsAsync(db, organisationId, ct);
        var caseCut = LatestTrigger(PortalRecordCatalogue.RuleFor(PortalRecordKind.CaseFile, settings.OrganisationRules), today);
        var complaintCut = LatestTrigger(PortalRecordCatalogue.RuleFor(PortalRecordKind.ComplaintFile, settings.OrganisationRules), today);
        var idCut = LatestTrigger(PortalRecordCatalogue.RuleFor(PortalRecordKind.IdentityDocuments, settings.OrganisationRules), today);

        var anyCut = caseCut > complaintCut ? caseCut : complaintCut;
        var requests = db.Requests.AsNoTracking().Where(r => r.OrganisationId == organisationId && r.DestroyedAt == null);
        if (onlyRequests is not null) requests = requests.Where(r => onlyRequests.Contains(r.Id));
        var candidates = await requests
            .Where(r => r.ClosedOn != null && r.ClosedOn <= anyCut
                        && ((r.Right != Right.Complaint && r.ClosedOn <= caseCut) || (r.Right == Right.Complaint && r.ClosedOn <= complaintCut)))
            .Select(r => new Candidate(r.Id, r.Reference, r.Right, r.Status, r.ClosedOn, r.IdentityDecidedOn, r.SubjectName, r.SubjectDateOfBirth, r.HearingKind, r.HearingOn))
            .ToListAsync(ct);

        // Cases whose ID documents may be due: decided (or, never decided, closed) long enough ago, with copies still stored.
        var withIdentity = await (
                from f in db.Files
                where f.Kind == UploadKind.Identity
                join r in requests on f.RequestId equals r.Id
                select new { r.Id, r.IdentityDecidedOn, r.ClosedOn })
            .Distinct()
            .ToListAsync(ct);
        var identityHeld = withIdentity.Select(x => x.Id).ToHashSet();
        var known = candidates.Select(c => c.Id).ToHashSet();
        var identityDue = withIdentity
            .Where(x => !known.Contains(x.Id) && (x.IdentityDecidedOn ?? x.ClosedOn) is { } decided && decided <= idCut)
            .Select(x => x.Id).ToList();
        if (identityDue.Count > 0)
        {
            candidates.AddRange(await db.Requests.AsNoTracking().Where(r => identityDue.Contains(r.Id))
                .Select(r => new Candidate(r.Id, r.Reference, r.Right, r.Status, r.ClosedOn, r.IdentityDecidedOn, r.SubjectName, r.SubjectDateOfBirth, r.HearingKind, r.HearingOn))
                .ToListAsync(ct));
        }

        if (candidates.Count == 0) return [];

        var holds = await HoldsInForceAsync(db, organisationId, ct);
        var reviews = (await db.RetentionReviews.AsNoTracking().Where(r => r.OrganisationId == organisationId).ToListAsync(ct))
            .Where(r => r.RequestId is not null).ToLookup(r => r.RequestId!.Value);
        var related = await RelatedByChildAsync(db, organisationId, today, ct,
            onlyRequests is null ? null : candidates.Select(c => c.SubjectDateOfBirth).ToHashSet());
        var lastContact = await LastContactAsync(db, candidates.Select(c => c.Id).ToList(), ct);

        var due = new List<DueRecord>();
        foreach (var c in candidates)
        {
            // A name with nothing to match on (only punctuation) is keyed by its case, so no other case's hold matches it.
            var child = ChildKey.TryOf(c.SubjectName, c.SubjectDateOfBirth) ?? ChildKey.Of("case " + c.Reference, c.SubjectDateOfBirth);
            var finished = c.Status.IsFinished();
            var facts = new CaseRetentionFacts(
                c.Id, c.Reference, c.Right, c.Status, finished ? c.ClosedOn : null,
                lastContact.TryGetValue(c.Id, out var contact) ? contact : null,
                c.IdentityDecidedOn ?? (finished ? c.ClosedOn : null),
                identityHeld.Contains(c.Id), child, c.HearingKind, c.HearingOn);
            var others = related.TryGetValue(child, out var list) ? list : [];
            var caseReviews = reviews[c.Id].ToList();
            var items = RetentionDue.ForCase(facts, settings, holds, others, caseReviews, today);
            foreach (var item in items)
            {
                // A file that is due covers the uploads on it, ID documents included: one item, not two.
                if (item.Kind == PortalRecordKind.IdentityDocuments && items.Any(i => i.Covers.Contains(PortalRecordKind.CaseUploads))) continue;

                string? approvedBy = null;
                if (item.Disposition == DueDisposition.DestroyAutomatically)
                {
                    approvedBy = caseReviews.Where(r => r.Kind == item.Kind && r.Decision == RetentionReviewDecision.Destroy && r.DueSince == item.DueSince)
                        .OrderByDescending(r => r.DecidedAt).Select(r => r.DecidedBy).FirstOrDefault() ?? Tombstone.AutomaticSweep;
                }

                due.Add(new DueRecord(c.Id, c.Reference, c.Right, c.ClosedOn, item, approvedBy));
            }
        }

        return due;
    }

    /// <summary>The organisation's legal holds in force, each with the name of the person who placed it (for the DPO to read).</summary>
    public static async Task<List<LegalHold>> HoldsInForceAsync(PortalDb db, Guid organisationId, CancellationToken ct)
    {
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.OrganisationId == organisationId && h.ReleasedAt == null).ToListAsync(ct);
        var names = await Oversight.AuditNames.StaffNamesAsync(db, holds.Select(h => h.PlacedBy), ct);
        foreach (var hold in holds)
        {
            hold.NamePlacer(names.GetValueOrDefault(hold.PlacedBy));
        }

        return holds;
    }

    /// <summary>The organisation's open cases and cases with a hearing not yet past, by child: they hold that child's other records.</summary>
    /// <param name="bornOn">Only children born on these days (when checking a known set of cases again).</param>
    public static async Task<Dictionary<ChildKey, List<RelatedCase>>> RelatedByChildAsync(PortalDb db, Guid organisationId, DateOnly today, CancellationToken ct,
        IReadOnlyCollection<DateOnly>? bornOn = null)
    {
        var open = Enum.GetValues<RequestStatus>().Where(s => !s.IsFinished()).ToList();
        var requests = db.Requests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (bornOn is not null) requests = requests.Where(r => bornOn.Contains(r.SubjectDateOfBirth));
        var rows = await requests
            .Where(r => open.Contains(r.Status))
            .Select(r => new { r.Reference, r.Right, r.Status, r.HearingKind, r.HearingOn, r.SubjectName, r.SubjectDateOfBirth })
            .ToListAsync(ct);
        rows.AddRange(await requests
            .Where(r => r.HearingOn >= today && !open.Contains(r.Status) && r.DestroyedAt == null)
            .Select(r => new { r.Reference, r.Right, r.Status, r.HearingKind, r.HearingOn, r.SubjectName, r.SubjectDateOfBirth })
            .ToListAsync(ct));
        var byChild = new Dictionary<ChildKey, List<RelatedCase>>();
        foreach (var r in rows)
        {
            if (ChildKey.TryOf(r.SubjectName, r.SubjectDateOfBirth) is not { } key) continue;
            if (!byChild.TryGetValue(key, out var list)) byChild[key] = list = [];
            list.Add(new RelatedCase(r.Reference, r.Right, r.Status, r.HearingKind, r.HearingOn));
        }

        return byChild;
    }

    /// <summary>The last message on each case (its last contact with the family), in chunks so no statement grows too large.</summary>
    private static async Task<Dictionary<Guid, DateOnly>> LastContactAsync(PortalDb db, List<Guid> requestIds, CancellationToken ct)
    {
        var last = new Dictionary<Guid, DateOnly>();
        foreach (var chunk in requestIds.Chunk(5000))
        {
            var rows = await db.Database.SqlQueryRaw<LastContactRow>(
                    """SELECT "RequestId", MAX("At") AS "At" FROM "CaseMessages" WHERE "RequestId" IN (SELECT value FROM json_each({0})) GROUP BY "RequestId" """,
                    StoredValues.IdsJson(chunk))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                last[row.RequestId] = UkTime.DateOf(StoredValues.InstantFrom(row.At));
            }
        }

        return last;
    }

    private sealed record Candidate(
        Guid Id, string Reference, Right Right, RequestStatus Status, DateOnly? ClosedOn, DateOnly? IdentityDecidedOn,
        string SubjectName, DateOnly SubjectDateOfBirth, HearingKind? HearingKind, DateOnly? HearingOn);

    private sealed class LastContactRow
    {
        public Guid RequestId { get; set; }
        public long At { get; set; }
    }
}
