using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>The signed-in member of staff's reminders and escalations, newest first, with how many are unread.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo, Roles.ServiceContact)]
public sealed record GetMyRemindersQuery(int Take = GetMyRemindersQuery.DefaultTake) : IQuery<MyReminders>
{
    public const int DefaultTake = 100;
}

public sealed record MyReminders(int Unread, IReadOnlyList<ReminderView> Latest);

/// <param name="Link">Where the reminder leads: the case page, or the service's searches for a service contact.</param>
public sealed record ReminderView(Guid Id, string Kind, string Reference, DateOnly? DueOn, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string Link)
{
    public bool IsRead => ReadAt is not null;
}

/// <summary>How many of the signed-in member of staff's reminders are unread (the number beside the menu link).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo, Roles.ServiceContact)]
public sealed record CountMyUnreadRemindersQuery : IQuery<int>;

internal static class MyReminderScope
{
    /// <summary>The person's own reminders in their own organisation, and nobody else's.</summary>
    public static IQueryable<Application.Oversight.StaffReminder> Mine(PortalDb db, ICurrentActor actor)
    {
        var organisationId = actor.RequireOrganisation();
        var userId = actor.UserId ?? throw new ForbiddenException("Sign in to do this.");
        return db.StaffReminders.Where(r => r.RecipientUserId == userId && r.OrganisationId == organisationId);
    }
}

internal sealed class GetMyRemindersHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetMyRemindersQuery, MyReminders>
{
    public async Task<MyReminders> Handle(GetMyRemindersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var mine = MyReminderScope.Mine(db, actor).AsNoTracking();
        var unread = await mine.CountAsync(r => r.ReadAt == null, cancellationToken);
        var take = Math.Clamp(query.Take, 1, 500);
        var latest = await mine
            .OrderByDescending(r => r.CreatedAt)
            .Take(take)
            .Select(r => new { r.Id, r.Kind, r.Reference, r.DueOn, r.Text, r.CreatedAt, r.ReadAt, r.RequestId })
            .ToListAsync(cancellationToken);
        return new MyReminders(unread, [.. latest
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Reference, StringComparer.Ordinal)
            .Select(r => new ReminderView(r.Id, r.Kind, r.Reference, r.DueOn, r.Text, r.CreatedAt, r.ReadAt, LinkFor(r.Kind, r.RequestId)))]);
    }

    public static string LinkFor(string kind, Guid? requestId) =>
        kind == MailKinds.SearchTaskReminder || requestId is null ? "/searches" : $"/casework/requests/{requestId}";
}

internal sealed class CountMyUnreadRemindersHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<CountMyUnreadRemindersQuery, int>
{
    public async Task<int> Handle(CountMyUnreadRemindersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await MyReminderScope.Mine(db, actor).CountAsync(r => r.ReadAt == null, cancellationToken);
    }
}
