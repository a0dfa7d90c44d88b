using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Searches;

/// <summary>
/// The searches asked of the signed-in service contact's own service in their own organisation: open ones first
/// (soonest due), then those answered in the last 30 days. Only what they need to search: never the requester's
/// contact details or the case timeline.
/// </summary>
[RequiresRole(Roles.ServiceContact)]
public sealed record GetMySearchesQuery : IQuery<MySearchList>;

/// <summary>The contact's service (null when their account is not linked to one) and its searches.</summary>
public sealed record MySearchList(string? ServiceName, IReadOnlyList<MySearch> Searches);

/// <summary>One search asked of the service, with what it needs to find the child's records.</summary>
/// <param name="RequestVersion">The version of the request the contact is looking at: sending findings names it.</param>
/// <param name="Right">The right the family is using, in plain English.</param>
/// <param name="DataCategories">The kinds of record asked about, as the organisation words them.</param>
public sealed record MySearch(
    Guid RequestId,
    Guid RequestVersion,
    Guid TaskId,
    string Reference,
    string Right,
    string ChildName,
    DateOnly ChildDateOfBirth,
    IReadOnlyList<string> DataCategories,
    string Instructions,
    DateOnly AskedOn,
    DateOnly DueOn,
    bool Overdue,
    DateOnly? CompletedOn,
    string? Findings)
{
    public bool IsOpen => CompletedOn is null;
}

/// <summary>The service a signed-in service contact answers for, read from their account (not from what they send).</summary>
internal static class ServiceContactAccount
{
    public static async Task<string?> ServiceNameAsync(PortalDb db, ICurrentActor actor, Guid organisationId, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
        {
            return null;
        }

        var service = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.OrganisationId == organisationId)
            .Select(u => u.ServiceName)
            .SingleOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(service) ? null : service;
    }
}

internal sealed class GetMySearchesHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetMySearchesQuery, MySearchList>
{
    /// <summary>How long an answered search stays on the list, so the contact can see what they sent.</summary>
    private const int RecentDays = 30;

    public async Task<MySearchList> Handle(GetMySearchesQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var service = await ServiceContactAccount.ServiceNameAsync(db, actor, organisationId, cancellationToken);
        if (service is null)
        {
            return new MySearchList(null, []);
        }

        var today = clock.UkToday();
        var since = today.AddDays(-RecentDays);

        // Only this service's open and recently answered searches leave the database.
        var requests = await db.Requests.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && r.DestroyedAt == null
                && r.SearchTasks.Any(t => t.ServiceName == service && (t.CompletedOn == null || t.CompletedOn >= since)))
            .Select(r => new
            {
                r.Id,
                r.Version,
                r.Status,
                r.Reference,
                r.Right,
                r.SubjectName,
                r.SubjectDateOfBirth,
                r.DataCategories,
                Tasks = r.SearchTasks
                    .Where(t => t.ServiceName == service && (t.CompletedOn == null || t.CompletedOn >= since))
                    .Select(t => new { t.Id, t.Instructions, t.AskedOn, t.DueOn, t.CompletedOn, t.Findings })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);

        var names = await db.DataCategories.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId)
            .OrderBy(c => c.Order)
            .Select(c => new { c.Code, c.Name })
            .ToListAsync(cancellationToken);

        // An open search on a finished request (closed, withdrawn, transferred) is no longer work for anyone.
        var searches = requests
            .SelectMany(r => r.Tasks.Select(t => (Request: r, Task: t)))
            .Where(x => x.Task.CompletedOn is not null || !x.Request.Status.IsFinished())
            .OrderBy(x => x.Task.CompletedOn is null ? 0 : 1)
            .ThenBy(x => x.Task.CompletedOn is { } done ? -done.DayNumber : x.Task.DueOn.DayNumber)
            .ThenBy(x => x.Request.Reference, StringComparer.Ordinal)
            .Select(x => new MySearch(
                x.Request.Id,
                x.Request.Version,
                x.Task.Id,
                x.Request.Reference,
                x.Request.Right.Describe(),
                x.Request.SubjectName,
                x.Request.SubjectDateOfBirth,
                [.. names.Where(n => x.Request.DataCategories.Contains(n.Code)).Select(n => n.Name)],
                x.Task.Instructions,
                x.Task.AskedOn,
                x.Task.DueOn,
                x.Task.CompletedOn is null && today > x.Task.DueOn,
                x.Task.CompletedOn,
                x.Task.Findings))
            .ToList();
        return new MySearchList(service, searches);
    }
}
