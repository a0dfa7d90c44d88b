using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Organisations;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>
/// The privacy-notice register: each organisation's notices, the version in force, its review date (and whether
/// that has passed, UK today) and every earlier version. A DPO sees their own organisation; an administrator all.
/// </summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetPrivacyNoticeRegisterQuery : IQuery<NoticeRegisterView>;

public sealed record NoticeRegisterView(DateOnly Today, IReadOnlyList<OrganisationNoticesView> Organisations)
{
    public int OverdueCount => Organisations.Sum(o => o.Notices.Count(n => n.ReviewOverdue));
}

public sealed record OrganisationNoticesView(Guid OrganisationId, string Code, string Name, IReadOnlyList<PrivacyNoticeView> Notices);

/// <param name="Versions">Every version, the one in force first.</param>
/// <param name="ReviewOverdue">The version in force is past its review date.</param>
public sealed record PrivacyNoticeView(string Title, IReadOnlyList<PrivacyNoticeVersionView> Versions, bool ReviewOverdue)
{
    public PrivacyNoticeVersionView Current => Versions[0];
}

/// <param name="RecordedBy">Who recorded it in the portal, or "the published notice" for what was read from the notice itself.</param>
public sealed record PrivacyNoticeVersionView(
    Guid Id,
    string Version,
    string Author,
    string ApprovedBy,
    DateOnly? ApprovedOn,
    DateOnly? ReviewOn,
    string Changes,
    string Url,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    bool FromPublishedNotice);

internal sealed class GetPrivacyNoticeRegisterHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetPrivacyNoticeRegisterQuery, NoticeRegisterView>
{
    public async Task<NoticeRegisterView> Handle(GetPrivacyNoticeRegisterQuery query, CancellationToken cancellationToken)
    {
        Guid? scope = actor.IsInRole(Roles.Administrator) ? null : actor.RequireOrganisation();
        var today = clock.UkToday();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var organisations = db.Organisations.AsNoTracking();
        var notices = db.PrivacyNotices.AsNoTracking();
        if (scope is { } organisationId)
        {
            organisations = organisations.Where(o => o.Id == organisationId);
            notices = notices.Where(n => n.OrganisationId == organisationId);
        }

        var orgs = await organisations.OrderBy(o => o.Name).Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(cancellationToken);
        var versions = await notices.ToListAsync(cancellationToken);
        var names = await AuditNames.StaffNamesAsync(db, versions.Select(v => v.RecordedBy), cancellationToken);

        return new NoticeRegisterView(today, orgs.Select(o => new OrganisationNoticesView(
            o.Id,
            o.Code,
            o.Name,
            versions.Where(v => v.OrganisationId == o.Id)
                .GroupBy(v => v.Title, StringComparer.OrdinalIgnoreCase)
                .Select(g => Notice(g, today, names))
                .OrderBy(n => n.Title, StringComparer.CurrentCultureIgnoreCase)
                .ToList())).ToList());
    }

    private static PrivacyNoticeView Notice(IEnumerable<PrivacyNoticeVersion> versions, DateOnly today, IReadOnlyDictionary<string, string> names)
    {
        var ordered = PrivacyNoticeOrder.NewestFirst(versions).ToList();
        var current = ordered[0];
        return new PrivacyNoticeView(
            current.Title,
            ordered.Select(v => new PrivacyNoticeVersionView(
                v.Id, v.Version, v.Author, v.ApprovedBy, v.ApprovedOn, v.ReviewOn, v.Changes, v.Url, v.RecordedAt,
                v.RecordedBy == PrivacyNoticeOrder.FromPublishedNotice ? "the published notice" : AuditNames.DescribeActor(v.RecordedBy, names),
                v.RecordedBy == PrivacyNoticeOrder.FromPublishedNotice)).ToList(),
            current.ReviewOverdue(today));
    }
}

/// <summary>Which version of a notice is in force: the latest approved (then the latest recorded), so a version entered
/// later for the record (an old one found in a file) does not displace the one in force.</summary>
public static class PrivacyNoticeOrder
{
    /// <summary><see cref="PrivacyNoticeVersion.RecordedBy"/> for versions read from the published notice when the portal was set up.</summary>
    public const string FromPublishedNotice = "seed:published-notice";

    public static IOrderedEnumerable<PrivacyNoticeVersion> NewestFirst(IEnumerable<PrivacyNoticeVersion> versions) =>
        versions.OrderByDescending(v => v.ApprovedOn).ThenByDescending(v => v.RecordedAt);
}
