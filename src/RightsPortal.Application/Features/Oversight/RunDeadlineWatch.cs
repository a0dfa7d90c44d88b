using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Oversight;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>What one run of the deadline watcher did (counts only, so it can be logged).</summary>
/// <param name="RemindersDue">Reminders that apply today, one per person, including those written by earlier runs.</param>
/// <param name="RemindersWritten">New reminders written by this run.</param>
public sealed record DeadlineWatchReport(DateOnly Today, int RequestsChecked, int SearchesChecked, int RemindersDue, int RemindersWritten, int MailsWritten)
{
    /// <summary>How long reading the open requests and searches took.</summary>
    public TimeSpan Scanning { get; init; }

    /// <summary>How long the whole run took.</summary>
    public TimeSpan Total { get; init; }
}

/// <summary>
/// The deadline watcher's one pass: every reminder and escalation due today (see <see cref="ReminderRules"/>) is
/// written once per person as a <see cref="StaffReminder"/>, the in-app list, with its email in the outbox in the same
/// transaction. The key of each reminder is unique per person, so running again (or after a restart, or two
/// watchers at once) writes nothing that is already there.
/// </summary>
/// <remarks>
/// Requests are read as the few columns the rules need, streamed and never loaded as cases; only requests within
/// <see cref="ReminderRules.LookAheadDays"/> of their date are read. Requests have no assignee, so "the caseworker"
/// is every caseworker of the organisation; escalations go to its DPOs, search reminders to the contacts of the
/// service asked. This is the system acting, not a person: the background service calls it directly rather than
/// through the request pipeline, which decides what people may do.
/// </remarks>
public sealed class RunDeadlineWatch(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, TimeProvider clock, IOptions<MailLinkOptions> links)
{
    /// <summary>Reminders written per transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Up to this many of one person's reminders are looked up by key; beyond it, all their keys are read.</summary>
    private const int LookupSize = 2000;

    private const int MaxAttempts = 3;

    public async Task<DeadlineWatchReport> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var today = clock.UkToday();
        var now = clock.GetUtcNow();
        var baseUrl = MailTemplates.Link(links.Value.PublicBaseUrl);

        var planned = new List<PlannedReminder>();
        int requestsChecked = 0, searchesChecked = 0;
        IReadOnlyDictionary<Guid, MailTemplateSet> templates;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var organisations = await OrganisationsAsync(db, ct);
            templates = await MailTemplateSet.LoadAllAsync(db, MailKinds.Staff, ct);
            var horizon = today.AddDays(ReminderRules.LookAheadDays);
            var watched = ReminderRules.WatchedStatuses.ToList();

            // One organisation at a time: its (OrganisationId, Status, DueOn) index narrows the read to the open
            // requests due within the look-ahead, however many finished ones the table holds.
            var due = new List<ReminderDue>(4);
            foreach (var organisation in organisations.Values)
            {
                var organisationId = organisation.Id;
                var requests = db.Requests.AsNoTracking()
                    .Where(r => r.OrganisationId == organisationId && watched.Contains(r.Status) && r.DueOn <= horizon)
                    .Select(r => new { r.Id, r.Reference, r.Right, r.Status, r.StartOn, r.DueOn, r.PausedDays, r.Extended, r.AssignedTo })
                    .AsAsyncEnumerable();
                await foreach (var r in requests.WithCancellation(ct))
                {
                    requestsChecked++;
                    due.Clear();
                    ReminderRules.AddForRequest(new WatchedRequest(r.Id, r.Right, r.Status, r.StartOn, r.DueOn, r.PausedDays, r.Extended), today, organisation.Holidays, due);
                    foreach (var reminder in due)
                    {
                        Plan(planned, organisation, r.Id, r.Reference, reminder, serviceName: null, r.AssignedTo);
                    }
                }
            }

            var searches = db.Requests.AsNoTracking()
                .Where(r => watched.Contains(r.Status))
                .SelectMany(r => r.SearchTasks.Where(t => t.CompletedOn == null && t.DueOn <= horizon),
                    (r, t) => new { RequestId = r.Id, r.OrganisationId, r.Reference, r.Status, TaskId = t.Id, t.ServiceName, t.DueOn })
                .AsAsyncEnumerable();
            await foreach (var s in searches.WithCancellation(ct))
            {
                searchesChecked++;
                if (!organisations.TryGetValue(s.OrganisationId, out var organisation)) continue;
                if (ReminderRules.ForSearch(new WatchedSearch(s.TaskId, s.Status, s.DueOn), today, organisation.Holidays) is { } reminder)
                {
                    Plan(planned, organisation, s.RequestId, s.Reference, reminder, s.ServiceName);
                }
            }
        }

        var scanned = Stopwatch.GetElapsedTime(started);

        // Most reminders due today were written by an earlier run: find those first, one query per person, so a run
        // that has nothing new to say reads a little and writes nothing.
        var candidates = planned.DistinctBy(p => (p.Recipient.UserId, p.Due.Key)).ToList();
        var missing = new List<PlannedReminder>();
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            foreach (var person in candidates.GroupBy(p => p.Recipient.UserId))
            {
                var mine = person.ToList();
                if (mine.Count > LookupSize)
                {
                    // Many at once (a first run, a large backlog): reading all of the person's keys along the index is
                    // far cheaper than looking thousands up by name.
                    var userId = person.Key;
                    var all = (await db.StaffReminders.AsNoTracking().Where(r => r.RecipientUserId == userId).Select(r => r.Key).ToListAsync(ct))
                        .ToHashSet(StringComparer.Ordinal);
                    missing.AddRange(mine.Where(p => !all.Contains(p.Due.Key)));
                    continue;
                }

                var existing = await ExistingKeysAsync(db, person.Key, mine, ct);
                missing.AddRange(mine.Where(p => !existing.Contains(p.Due.Key)));
            }
        }

        int written = 0, mails = 0;
        foreach (var batch in missing.Chunk(BatchSize))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (w, m) = await WriteAsync(batch, templates, baseUrl, now, ct);
                    written += w;
                    mails += m;
                    break;
                }
                catch (DbUpdateException ex) when (attempt < MaxAttempts && ex.InnerException is SqliteException { SqliteErrorCode: 19 })
                {
                    // Another watcher wrote some of the same reminders between our check and our save: nothing of this
                    // batch was kept, so check again and write only what is still missing.
                }
            }
        }

        return new DeadlineWatchReport(today, requestsChecked, searchesChecked, candidates.Count, written, mails)
        {
            Scanning = scanned,
            Total = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>Which of these reminders the person already has (the unique index on recipient and key answers it).</summary>
    private static async Task<HashSet<string>> ExistingKeysAsync(PortalDb db, string userId, IEnumerable<PlannedReminder> planned, CancellationToken ct)
    {
        var keys = planned.Select(p => p.Due.Key).ToList();
        var found = await db.StaffReminders.AsNoTracking()
            .Where(r => r.RecipientUserId == userId && keys.Contains(r.Key))
            .Select(r => r.Key)
            .ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<(int Written, int Mails)> WriteAsync(
        PlannedReminder[] batch, IReadOnlyDictionary<Guid, MailTemplateSet> templates, string baseUrl, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct); // SQLite: the write lock is taken before the check

        // Checked again under the write lock: another watcher may have written some since the first check.
        var existing = new HashSet<(string UserId, string Key)>();
        foreach (var person in batch.GroupBy(p => p.Recipient.UserId))
        {
            existing.UnionWith((await ExistingKeysAsync(db, person.Key, person, ct)).Select(k => (person.Key, k)));
        }

        int written = 0, mails = 0;
        foreach (var p in batch.Where(p => !existing.Contains((p.Recipient.UserId, p.Due.Key))))
        {
            var kind = MailKindFor(p.Due.Kind);
            var what = p.Due.What;
            db.StaffReminders.Add(new StaffReminder
            {
                Id = Guid.NewGuid(),
                OrganisationId = p.Organisation.Id,
                RequestId = p.RequestId,
                RecipientUserId = p.Recipient.UserId,
                Key = p.Due.Key,
                Kind = kind,
                Reference = p.Reference,
                DueOn = p.Due.DueOn,
                Text = Clip($"{p.Reference}: {what}", 500),
                CreatedAt = now,
            });
            written++;

            if (!string.IsNullOrWhiteSpace(p.Recipient.Email))
            {
                var link = p.Due.Audience == ReminderAudience.ServiceContacts ? baseUrl + "searches" : baseUrl + $"casework/requests/{p.RequestId}";
                var mail = MailTemplates.StaffReminder(kind, p.Organisation.Name, p.Reference, p.Due.DueOn, what, link, templates.GetValueOrDefault(p.Organisation.Id));
                db.Outbox.Add(OutboxMessage.Create(kind, p.Recipient.Email, mail.Subject, mail.Body, now, p.Organisation.Id, p.RequestId));
                mails++;
            }
        }

        if (written > 0)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (written, mails);
    }

    /// <summary>The kind of email (and of reminder in the in-app list) for each kind of reminder.</summary>
    public static string MailKindFor(ReminderKind kind) => kind switch
    {
        ReminderKind.DueSoon => MailKinds.DeadlineReminder,
        ReminderKind.AtRisk or ReminderKind.Overdue => MailKinds.DpoEscalation,
        ReminderKind.ExtensionDecision => MailKinds.ExtensionNoticeReminder,
        ReminderKind.SearchDueSoon or ReminderKind.SearchOverdue => MailKinds.SearchTaskReminder,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void Plan(List<PlannedReminder> planned, WatchedOrganisation organisation, Guid requestId, string reference, ReminderDue due, string? serviceName, string? assignedTo = null)
    {
        // The caseworkers' reminders go to whoever has the case, if that person is still a caseworker or the DPO there;
        // a case nobody has (or whose person has left) reminds every caseworker.
        var assignee = assignedTo is null ? null : organisation.Staff.FirstOrDefault(s => s.UserId == assignedTo && s.Role is Roles.Caseworker or Roles.Dpo);
        foreach (var recipient in organisation.Staff)
        {
            var wanted = due.Audience switch
            {
                ReminderAudience.Caseworkers => assignee is not null ? recipient == assignee : recipient.Role == Roles.Caseworker,
                ReminderAudience.Dpo => recipient.Role == Roles.Dpo,
                ReminderAudience.ServiceContacts => recipient.Role == Roles.ServiceContact && string.Equals(recipient.ServiceName, serviceName, StringComparison.Ordinal),
                _ => false,
            };
            if (wanted)
            {
                planned.Add(new PlannedReminder(organisation, requestId, reference, due, recipient));
            }
        }
    }

    /// <summary>Each organisation that has staff to remind, with its holiday calendar and those staff (by role).</summary>
    private async Task<Dictionary<Guid, WatchedOrganisation>> OrganisationsAsync(PortalDb db, CancellationToken ct)
    {
        string[] roles = [Roles.Caseworker, Roles.Dpo, Roles.ServiceContact];
        var staff = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles.AsNoTracking() on user.Id equals userRole.UserId
                join role in db.Roles.AsNoTracking() on userRole.RoleId equals role.Id
                where user.OrganisationId != null && roles.Contains(role.Name!)
                select new { user.Id, user.Email, OrganisationId = user.OrganisationId!.Value, user.ServiceName, Role = role.Name! })
            .ToListAsync(ct);
        var byOrganisation = staff.ToLookup(s => s.OrganisationId, s => new Recipient(s.Id, s.Email, s.Role, s.ServiceName?.Trim()));

        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.HolidayRegion }).ToListAsync(ct);
        var watched = new Dictionary<Guid, WatchedOrganisation>();
        foreach (var o in organisations.Where(o => byOrganisation.Contains(o.Id)))
        {
            watched[o.Id] = new WatchedOrganisation(o.Id, o.Name, await portalClock.HolidaysAsync(o.HolidayRegion, ct), [.. byOrganisation[o.Id]]);
        }

        return watched;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private sealed record Recipient(string UserId, string? Email, string Role, string? ServiceName);

    private sealed record WatchedOrganisation(Guid Id, string Name, HolidayCalendar Holidays, IReadOnlyList<Recipient> Staff);

    private sealed record PlannedReminder(WatchedOrganisation Organisation, Guid RequestId, string Reference, ReminderDue Due, Recipient Recipient);
}
