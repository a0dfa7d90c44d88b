using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Features.Settings;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Issue 6, the deadline watcher, on a fake clock. A Stoke access request received Mon 2 Mar 2026 and started at once
/// is due Thu 2 Apr 2026: 10 working days before is Thu 19 Mar (decide on an extension), 5 is Thu 26 Mar, 2 is
/// Tue 31 Mar (at risk), 1 is Wed 1 Apr; from Fri 3 Apr it is overdue.
/// </summary>
public sealed class DeadlineWatchTests
{
    private const string Psychology = "Educational Psychology Service";
    private const string Sensory = "Sensory Teams";

    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 7, 30, 0, TimeSpan.Zero);

    /// <summary>Two Stoke caseworkers, its DPO, one contact for each of two Stoke services, and Barnet's own staff.</summary>
    private static async Task AddStaffAsync(PortalApp app)
    {
        await using var db = app.Db();
        var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        void Add(string id, string code, string role, string? service = null)
        {
            db.Users.Add(new StaffUser
            {
                Id = id, UserName = id, Email = $"{id}@rightsportal.test", DisplayName = id,
                OrganisationId = app.OrganisationId(code), ServiceName = service,
            });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roles[role].Id });
        }

        Add("cw-stk-1", "STK", Roles.Caseworker);
        Add("cw-stk-2", "STK", Roles.Caseworker);
        Add("dpo-stk", "STK", Roles.Dpo);
        Add("ep-stk", "STK", Roles.ServiceContact, Psychology);
        Add("sensory-stk", "STK", Roles.ServiceContact, Sensory);
        Add("cw-bar", "BAR", Roles.Caseworker);
        Add("dpo-bar", "BAR", Roles.Dpo);
        Add("ep-bar", "BAR", Roles.ServiceContact, Psychology);
        await db.SaveChangesAsync();
    }

    /// <summary>A family's access request, received today and started (no ID needed).</summary>
    private static async Task<(Guid Id, string Reference, Guid Version)> StartedAsync(PortalApp app, string code = "STK")
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest(code));
        app.AsCaseworker(code);
        var detail = await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Known family"));
        app.AsPublic();
        return (receipt.RequestId, receipt.Reference, started.Version);
    }

    private static async Task<DeadlineWatchReport> WatchAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunDeadlineWatch>().RunAsync(CancellationToken.None);
    }

    private static async Task<List<StaffReminder>> RemindersAsync(PortalApp app)
    {
        await using var db = app.Db();
        return await db.StaffReminders.AsNoTracking().OrderBy(r => r.RecipientUserId).ThenBy(r => r.Key).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> StaffMailAsync(PortalApp app)
    {
        await using var db = app.Db();
        var kinds = MailKinds.Staff.ToList();
        return await db.Outbox.AsNoTracking().Where(m => kinds.Contains(m.Kind)).OrderBy(m => m.To).ThenBy(m => m.Kind).ToListAsync();
    }

    private static IEnumerable<string> Who(IEnumerable<StaffReminder> reminders) => reminders.Select(r => $"{r.RecipientUserId} {r.Key.Split(':')[0]}{(r.Key.EndsWith("wd", StringComparison.Ordinal) ? ":" + r.Key.Split(':')[^1] : "")}");

    [Fact]
    public async Task Running_twice_on_the_same_day_writes_each_reminder_and_email_once()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var request = await StartedAsync(app);
        app.Clock.SetUtcNow(On(3, 26));

        var first = await WatchAsync(app.Services);
        var second = await WatchAsync(app.Services);

        Assert.Equal(["cw-stk-1 due:5wd", "cw-stk-1 extension", "cw-stk-2 due:5wd", "cw-stk-2 extension"], Who(await RemindersAsync(app)));
        Assert.Equal(4, first.RemindersWritten);
        Assert.Equal(4, first.MailsWritten);
        Assert.Equal(0, second.RemindersWritten);
        Assert.Equal(0, second.MailsWritten);
        Assert.Equal(4, second.RemindersDue);
        var mails = await StaffMailAsync(app);
        Assert.Equal(4, mails.Count);
        var reminder = Assert.Single(mails, m => m.To == "cw-stk-1@rightsportal.test" && m.Kind == MailKinds.DeadlineReminder);
        Assert.Equal($"Reminder: {request.Reference} is due by Thursday 2 April 2026", reminder.Subject);
        Assert.Contains("The response is due in 5 working days, on Thursday 2 April 2026.", reminder.Body, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5094/casework/requests/{request.Id}", reminder.Body, StringComparison.Ordinal);
        Assert.Equal(request.Id, reminder.RequestId);
        Assert.Equal(app.OrganisationId("STK"), reminder.OrganisationId);
        var row = (await RemindersAsync(app)).First(r => r.Kind == MailKinds.DeadlineReminder);
        Assert.Equal($"{request.Reference}: The response is due in 5 working days, on Thursday 2 April 2026.", row.Text);
        Assert.Equal(new DateOnly(2026, 4, 2), row.DueOn);
        Assert.Null(row.ReadAt);
    }

    [Fact]
    public async Task After_a_restart_on_the_same_database_nothing_is_written_again()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        await StartedAsync(app);
        app.Clock.SetUtcNow(On(3, 26));
        await WatchAsync(app.Services);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalDatabase(app.Connection);
        services.AddApplication();
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(app.Clock));
        services.Replace(ServiceDescriptor.Singleton<ICurrentActor>(app.Actor));
        await using var restarted = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var again = await WatchAsync(restarted);
        app.Clock.Advance(TimeSpan.FromHours(6));
        var later = await WatchAsync(restarted);

        Assert.Equal(0, again.RemindersWritten);
        Assert.Equal(0, later.RemindersWritten);
        Assert.Equal(4, (await RemindersAsync(app)).Count);
        Assert.Equal(4, (await StaffMailAsync(app)).Count);
    }

    [Fact]
    public async Task A_case_someone_has_reminds_only_them_and_every_caseworker_again_once_nobody_has_it()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var (id, _, version) = await StartedAsync(app);
        app.AsCaseworker("STK");
        version = (await app.SendAsync(new AssignCaseCommand(id, version, "cw-stk-2"))).Version;

        app.Clock.SetUtcNow(On(3, 19));
        Assert.Equal(1, (await WatchAsync(app.Services)).RemindersWritten); // decide on an extension: cw-stk-2 only

        version = (await app.SendAsync(new AssignCaseCommand(id, version, null))).Version;
        app.Clock.SetUtcNow(On(3, 26));
        // 5 working days, to both caseworkers; and cw-stk-1, who had no case to think of before, is now reminded that the
        // extension decision is still open.
        Assert.Equal(3, (await WatchAsync(app.Services)).RemindersWritten);

        await app.SendAsync(new AssignCaseCommand(id, version, "dpo-stk"));
        app.Clock.SetUtcNow(On(4, 1));
        await WatchAsync(app.Services); // 1 working day: the DPO, who has it now (and the DPO's own at-risk escalation)

        Assert.Equal(
            ["cw-stk-1 due:5wd", "cw-stk-1 extension", "cw-stk-2 due:5wd", "cw-stk-2 extension", "dpo-stk due:1wd", "dpo-stk extension"],
            Who((await RemindersAsync(app)).Where(r => !r.Key.StartsWith("at-risk", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_case_can_be_given_only_to_a_caseworker_or_the_dpo_of_its_own_organisation()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var (id, _, version) = await StartedAsync(app);
        app.AsCaseworker("STK");

        var choices = await app.SendAsync(new GetAssignableStaffQuery());
        Assert.Equal(["cw-stk-1", "cw-stk-2", "dpo-stk"], choices.Select(c => c.UserId));
        foreach (var someoneElse in new[] { "cw-bar", "ep-stk", "nobody-of-that-name" })
        {
            var refused = await Assert.ThrowsAsync<RightsPortal.Domain.DomainRuleException>(() => app.SendAsync(new AssignCaseCommand(id, version, someoneElse)));
            Assert.Equal("Choose a caseworker or the DPO of your organisation.", refused.Message);
        }

        await app.SendAsync(new AssignCaseCommand(id, version, "cw-stk-1"));
        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(("cw-stk-1", "cw-stk-1"), (detail.AssignedTo, detail.AssignedToName));
        Assert.Contains(detail.Timeline, e => e.What == "Assigned" && e.Detail == "Given to cw-stk-1.");

        app.AsCaseworker("BAR"); // another organisation's caseworker cannot reach the case at all
        await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(new AssignCaseCommand(id, detail.Version, null)));
    }

    [Fact]
    public async Task Advancing_the_clock_past_each_threshold_writes_exactly_the_next_reminder()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        await StartedAsync(app);

        app.Clock.SetUtcNow(On(3, 18));
        Assert.Equal(0, (await WatchAsync(app.Services)).RemindersWritten); // 11 working days before: nothing yet
        app.Clock.SetUtcNow(On(3, 19));
        Assert.Equal(2, (await WatchAsync(app.Services)).RemindersWritten); // decide on an extension, to both caseworkers
        app.Clock.SetUtcNow(On(3, 25));
        Assert.Equal(0, (await WatchAsync(app.Services)).RemindersWritten);
        app.Clock.SetUtcNow(On(3, 26));
        Assert.Equal(2, (await WatchAsync(app.Services)).RemindersWritten); // 5 working days
        app.Clock.SetUtcNow(On(3, 31));
        Assert.Equal(1, (await WatchAsync(app.Services)).RemindersWritten); // at risk, to the DPO
        app.Clock.SetUtcNow(On(4, 1));
        Assert.Equal(2, (await WatchAsync(app.Services)).RemindersWritten); // 1 working day
        app.Clock.SetUtcNow(On(4, 2));
        Assert.Equal(0, (await WatchAsync(app.Services)).RemindersWritten); // the day itself: already reminded

        Assert.Equal(
            ["cw-stk-1 due:1wd", "cw-stk-1 due:5wd", "cw-stk-1 extension", "cw-stk-2 due:1wd", "cw-stk-2 due:5wd", "cw-stk-2 extension", "dpo-stk at-risk"],
            Who(await RemindersAsync(app)));
        Assert.Equal(7, (await StaffMailAsync(app)).Count);
    }

    [Fact]
    public async Task An_overdue_request_is_escalated_to_its_own_organisations_dpo_once()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var request = await StartedAsync(app);
        app.Clock.SetUtcNow(On(4, 3));

        await WatchAsync(app.Services);
        app.Clock.SetUtcNow(On(4, 10));
        await WatchAsync(app.Services);

        var escalation = Assert.Single(await RemindersAsync(app));
        Assert.Equal("dpo-stk", escalation.RecipientUserId);
        Assert.Equal(MailKinds.DpoEscalation, escalation.Kind);
        Assert.Equal($"overdue:{request.Id:N}:2026-04-02", escalation.Key);
        var mail = Assert.Single(await StaffMailAsync(app));
        Assert.Equal("dpo-stk@rightsportal.test", mail.To);
        Assert.Equal(MailKinds.DpoEscalation, mail.Kind);
        Assert.Equal($"Needs your attention: {request.Reference} (legal limit Thursday 2 April 2026)", mail.Subject);
        Assert.Contains("The legal limit, Thursday 2 April 2026, has passed and the request is not finished.", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/casework/requests/{request.Id}", mail.Body, StringComparison.Ordinal);
        foreach (var text in new[] { mail.Subject, mail.Body, escalation.Text })
        {
            Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Pat", text, StringComparison.Ordinal);
            Assert.DoesNotContain("example.org", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Paused_and_finished_requests_get_no_reminders()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var paused = await StartedAsync(app);
        var withdrawn = await StartedAsync(app);
        var waitingForId = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        await app.SendAsync(new PauseForClarificationCommand(paused.Id, paused.Version, new DateOnly(2026, 3, 2), "Which years?"));
        await app.SendAsync(new WithdrawRequestCommand(withdrawn.Id, withdrawn.Version, "The family withdrew by phone"));
        var detail = await app.SendAsync(new GetRequestDetailQuery(waitingForId.RequestId));
        await app.SendAsync(new RequestIdentityCommand(waitingForId.RequestId, detail.Version, "Sensitive records"));

        foreach (var day in new[] { On(3, 19), On(3, 26), On(3, 31), On(4, 1), On(4, 3), On(5, 1) })
        {
            app.Clock.SetUtcNow(day);
            await WatchAsync(app.Services);
        }

        Assert.Empty(await RemindersAsync(app));
        Assert.Empty(await StaffMailAsync(app));
    }

    [Fact]
    public async Task Search_reminders_go_to_the_contacts_of_the_service_asked_and_nobody_else()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var stoke = await StartedAsync(app);
        app.AsCaseworker("STK");
        var searched = await app.SendAsync(new AskServiceToSearchCommand(stoke.Id, stoke.Version, Psychology, "EP reports since 2022", new DateOnly(2026, 3, 20)));
        var answered = await app.SendAsync(new AskServiceToSearchCommand(stoke.Id, searched.Version, Sensory, "Sensory team notes", new DateOnly(2026, 3, 20)));
        var detail = await app.SendAsync(new GetRequestDetailQuery(stoke.Id));
        await app.SendAsync(new RecordSearchFindingsCommand(stoke.Id, answered.Version, detail.Searches.Single(t => t.ServiceName == Sensory).Id, "Nothing held"));

        app.Clock.SetUtcNow(On(3, 18)); // 2 working days before Fri 20 Mar
        await WatchAsync(app.Services);
        app.Clock.SetUtcNow(On(3, 23)); // overdue
        await WatchAsync(app.Services);

        var reminders = (await RemindersAsync(app)).Where(r => r.Kind == MailKinds.SearchTaskReminder).ToList();
        Assert.Equal(["ep-stk", "ep-stk"], reminders.Select(r => r.RecipientUserId));
        Assert.Equal([":2wd", ":overdue"], reminders.Select(r => r.Key[r.Key.LastIndexOf(':')..]));
        var mails = (await StaffMailAsync(app)).Where(m => m.Kind == MailKinds.SearchTaskReminder).ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("ep-stk@rightsportal.test", m.To));
        Assert.All(mails, m => Assert.Contains("http://localhost:5094/searches", m.Body, StringComparison.Ordinal));
        Assert.Contains("Your service's search is due in 2 working days, on Friday 20 March 2026.", mails[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("EP reports", string.Concat(mails.Select(m => m.Body)), StringComparison.Ordinal); // the instructions stay in the portal
    }

    [Fact]
    public async Task Staff_emails_use_the_organisations_own_wording_and_others_the_default()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        await app.AsDpo("STK").SendAsync(new SaveMailTemplateCommand(app.OrganisationId("STK"), MailKinds.DeadlineReminder,
            "STK reminder {reference}", "STK-OWN\n{what}\nDue {due-on}: {link}\n{organisation}"));
        var stoke = await StartedAsync(app, "STK");
        var barnet = await StartedAsync(app, "BAR");
        app.Clock.SetUtcNow(On(3, 26));

        await WatchAsync(app.Services);

        var mails = (await StaffMailAsync(app)).Where(m => m.Kind == MailKinds.DeadlineReminder).ToList();
        var ownWording = mails.Where(m => m.To.StartsWith("cw-stk", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ownWording.Count);
        Assert.All(ownWording, m =>
        {
            Assert.Equal($"STK reminder {stoke.Reference}", m.Subject);
            Assert.Equal(
                $"STK-OWN\nThe response is due in 5 working days, on Thursday 2 April 2026.\nDue Thursday 2 April 2026: http://localhost:5094/casework/requests/{stoke.Id}\nStoke-on-Trent City Council",
                m.Body);
        });
        var barnetMail = Assert.Single(mails, m => m.To == "cw-bar@rightsportal.test");
        Assert.Equal($"Reminder: {barnet.Reference} is due by Thursday 2 April 2026", barnetMail.Subject);
        Assert.DoesNotContain("STK-OWN", barnetMail.Body, StringComparison.Ordinal);
        Assert.EndsWith("London Borough of Barnet", barnetMail.Body.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watchers_running_at_the_same_time_write_each_reminder_once()
    {
        await using var app = await PortalApp.StartAsync(connectionPerOperation: true);
        await AddStaffAsync(app);
        for (var i = 0; i < 3; i++)
        {
            await StartedAsync(app);
        }

        app.Clock.SetUtcNow(On(3, 31));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await WatchAsync(app.Services);
        })).ToList();
        start.SetResult();
        var reports = await Task.WhenAll(runs);

        var reminders = await RemindersAsync(app);
        Assert.Equal(3 * 5, reminders.Count); // each request: due and extension to two caseworkers, at risk to the DPO
        Assert.Equal(reminders.Count, reminders.Select(r => (r.RecipientUserId, r.Key)).Distinct().Count());
        Assert.Equal(reminders.Count, reports.Sum(r => r.RemindersWritten));
        Assert.Equal(reminders.Count, (await StaffMailAsync(app)).Count);
    }

    [Fact]
    public async Task A_member_of_staff_sees_their_own_reminders_newest_first_and_marks_them_read()
    {
        await using var app = await PortalApp.StartAsync();
        await AddStaffAsync(app);
        var request = await StartedAsync(app);
        app.Clock.SetUtcNow(On(3, 19));
        await WatchAsync(app.Services);
        app.Clock.SetUtcNow(On(3, 26));
        await WatchAsync(app.Services);

        app.Actor.SignIn("cw-stk-1", app.OrganisationId("STK"), Roles.Caseworker);
        var mine = await app.SendAsync(new GetMyRemindersQuery());

        Assert.Equal(2, mine.Unread);
        Assert.Equal([MailKinds.DeadlineReminder, MailKinds.ExtensionNoticeReminder], mine.Latest.Select(r => r.Kind));
        Assert.All(mine.Latest, r => Assert.Equal($"/casework/requests/{request.Id}", r.Link));
        Assert.All(mine.Latest, r => Assert.Equal(request.Reference, r.Reference));
        Assert.Equal(2, await app.SendAsync(new CountMyUnreadRemindersQuery()));

        await app.SendAsync(new MarkReminderReadCommand(mine.Latest[0].Id));
        await app.SendAsync(new MarkReminderReadCommand(mine.Latest[0].Id)); // again: nothing changes

        var after = await app.SendAsync(new GetMyRemindersQuery());
        Assert.Equal(1, after.Unread);
        Assert.True(after.Latest[0].IsRead);
        Assert.Equal(1, await app.SendAsync(new CountMyUnreadRemindersQuery()));

        app.Actor.SignIn("cw-stk-2", app.OrganisationId("STK"), Roles.Caseworker);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new MarkReminderReadCommand(mine.Latest[1].Id)));
        Assert.Equal(2, (await app.SendAsync(new GetMyRemindersQuery())).Unread);
        app.Actor.SignIn("cw-bar", app.OrganisationId("BAR"), Roles.Caseworker);
        Assert.Empty((await app.SendAsync(new GetMyRemindersQuery())).Latest);
        app.AsAdministrator();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMyRemindersQuery()));
    }
}
