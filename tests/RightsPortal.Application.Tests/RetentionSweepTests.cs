using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Features.Retention;
using RightsPortal.Application.Files;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Issue 7: the retention sweep destroys what the schedule says, everywhere it lives, never what a hold protects, and
/// finishes an interrupted run; the DPO reviews what the schedule says to review.
/// </summary>
public sealed class RetentionSweepTests : IAsyncLifetime
{
    private const string Child = "Zephyrine Quillfeather";
    private const string Parent = "Morwenna Quillfeather";
    private const string Email = "morwenna.q@example.org";
    private static readonly DateOnly ChildBorn = new(2013, 7, 19);
    private static readonly DateOnly Today = DateOnly.FromDateTime(PortalApp.DefaultNow.UtcDateTime);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "rightsportal-retention-" + Guid.NewGuid().ToString("N"));
    private FolderMailCopies mailCopies = default!;
    private Fault fault = default!;
    private PortalApp app = default!;

    private string FilesFolder => Path.Combine(folder, "files");
    private string DatabaseFile => Path.Combine(folder, "portal.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        mailCopies = new FolderMailCopies(Path.Combine(folder, "mail"));
        fault = new Fault();
        app = await PortalApp.StartAsync(databaseFile: DatabaseFile, configure: s =>
        {
            s.Configure<FileStoreOptions>(o => o.Directory = FilesFolder);
            s.AddSingleton<ISentMailCopies>(mailCopies);
            s.AddSingleton<RetentionSweepProbe>(fault);
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_destroyed_case_leaves_no_trace_of_the_child_in_the_database_file_the_files_folder_or_the_mail_copies_and_a_second_sweep_does_nothing()
    {
        var (id, reference) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        Assert.Equal(2, Directory.GetFiles(FilesFolder).Length);
        Assert.Contains(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));

        // One day short of six years after closure: nothing is due.
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(-1));
        Assert.Equal(0, (await SweepAsync()).CasesDestroyed);

        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6));
        var report = await SweepAsync();
        Assert.Equal(1, report.CasesDestroyed);

        await using (var db = app.Db())
        {
            var tombstone = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal((reference, RequestStatus.Closed, Outcome.Complied, Today, (DateOnly?)Today), (tombstone.Reference, tombstone.Status, tombstone.Outcome, tombstone.ReceivedOn, tombstone.ClosedOn));
            Assert.Equal(Tombstone.AutomaticSweep, tombstone.DestructionApprovedBy);
            Assert.Equal("Rights-request case file: 6 years after the file closes, and never less than 4 months after the last contact (destroyed automatically, the organisation's schedule)", tombstone.DestroyedUnderRule);
            Assert.Equal(app.Clock.GetUtcNow(), tombstone.DestroyedAt);
            // What happened stays as content-free shells (when, what kind of step); what anyone wrote is gone.
            Assert.NotEmpty(tombstone.Events);
            Assert.All(tombstone.Events, e => Assert.Equal("", e.Detail));
            Assert.All(tombstone.Messages, m => Assert.Equal("", m.Text));
            Assert.All(tombstone.Disclosures, d => Assert.Equal(("", (string?)null), (d.Description, d.Reason)));
            Assert.All(tombstone.Answers, a => Assert.Equal("", a.Answer));
            var search = Assert.Single(tombstone.SearchTasks);
            Assert.Equal("", search.Instructions);
            Assert.Null(search.Findings);
            Assert.False(string.IsNullOrEmpty(search.ServiceName)); // the DPO's searches-by-service figures stay true

            // Every text column of the case is blank except the few the tombstone keeps.
            foreach (var property in typeof(RightsRequest).GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                if (RunRetentionSweep.KeptCaseText.Contains(property.Name)) continue;
                Assert.True(string.IsNullOrEmpty((string?)property.GetValue(tombstone)), $"{property.Name} was not blanked");
            }

            Assert.Empty(await db.Files.Where(f => f.RequestId == id).ToListAsync());
            Assert.All(await db.Outbox.Where(m => m.RequestId == id).ToListAsync(), m => Assert.Equal(("", "", ""), (m.To, m.Subject, m.Body)));
            Assert.Empty(await db.PendingDeletions.ToListAsync());
            var audit = Assert.Single(await db.AuditEvents.Where(e => e.RequestId == id && e.Action == RunRetentionSweep.CaseDestroyedAction).ToListAsync());
            Assert.Equal(RunRetentionSweep.Actor, audit.ActorId);
        }

        Assert.Empty(Directory.GetFiles(FilesFolder));
        Assert.DoesNotContain(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal) || text.Contains(Child, StringComparison.Ordinal));

        // The queue lists the tombstone for what it is.
        var listed = (await app.AsCaseworker("STK").SendAsync(new GetQueueQuery(0, 25))).Rows.Single(r => r.Id == id);
        Assert.Equal("(destroyed under the retention schedule)", listed.SubjectName);

        // The case page shows the record of destruction, and nothing can be done to the case any more.
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal((app.Clock.GetUtcNow(), Tombstone.AutomaticSweep), (detail.DestroyedAt!.Value, detail.DestructionApprovedBy));
        Assert.Empty(detail.AllowedActions);
        var reopen = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ReopenForReviewCommand(id, detail.Version, "The family asked for an internal review")));
        Assert.StartsWith("This case was destroyed under the retention schedule", reopen.Message, StringComparison.Ordinal);

        // The bytes on disk: the database and its write-ahead log hold the reference (so the search works) but not the
        // child's name, date of birth, the parent's name or email address, in any page, used or freed.
        var bytes = DatabaseBytes();
        Assert.True(Contains(bytes, reference), "the search should find what the tombstone keeps");
        foreach (var personal in new[] { Child, Child.ToLowerInvariant(), "Quillfeather", Parent, Email, ChildBorn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
        {
            Assert.False(Contains(bytes, personal), $"'{personal}' is still in the database file");
        }

        // Running again destroys nothing more and writes no more audit rows.
        var again = await SweepAsync();
        Assert.Equal((0, 0, 0), (again.CasesDestroyed, again.IdentityDocumentSetsDestroyed, again.MailCopiesDestroyed));
        await using var after = app.Db();
        Assert.Equal(1, await after.AuditEvents.CountAsync(e => e.Action == RunRetentionSweep.CaseDestroyedAction));
        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(after, CancellationToken.None));
    }

    [Fact]
    public async Task A_case_file_set_to_review_waits_for_the_DPO_and_is_destroyed_only_after_approval_which_names_the_DPO()
    {
        var (id, reference) = await ClosedCaseAsync();
        await AddDpoAccountAsync();
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(3));

        var report = await SweepAsync();
        Assert.Equal((0, 1), (report.CasesDestroyed, report.WaitingForReview));
        var queue = await app.AsDpo("STK").SendAsync(new GetRetentionQueueQuery());
        var item = Assert.Single(queue.ForReview);
        Assert.Equal((reference, PortalRecordKind.CaseFile, Today.AddYears(6)), (item.Reference, item.Kind, item.DueSince));
        Assert.Empty((await app.AsDpo("HHJ").SendAsync(new GetRetentionQueueQuery())).ForReview); // another organisation sees nothing of it
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetRetentionQueueQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Destroy, null, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("HHJ").SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Destroy, null, null)));

        await app.AsDpo("STK").SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Destroy, null, null));
        Assert.Equal(1, (await app.SendAsync(new GetRetentionQueueQuery())).WaitingForSweep);
        await using (var db = app.Db())
        {
            Assert.Contains(await db.AuditEvents.Where(e => e.RequestId == id).ToListAsync(), e => e.Action == nameof(DecideRetentionReviewCommand) && e.ActorId == "dpo-STK");
        }

        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);
        var destroyed = Assert.Single((await app.SendAsync(new GetRetentionQueueQuery())).RecentlyDestroyed);
        Assert.Equal(reference, destroyed.Reference);
        Assert.Equal("Dana Protection", destroyed.ApprovedBy);
    }

    [Fact]
    public async Task A_DPO_keeps_a_file_for_a_stated_reason_until_a_later_date_when_it_comes_back_for_review()
    {
        var (id, _) = await ClosedCaseAsync();
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6));
        var keepUntil = Today.AddYears(7);

        var noReason = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.AsDpo("STK").SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Keep, " ", keepUntil)));
        Assert.Contains("Say why the record must be kept", noReason.Message, StringComparison.Ordinal);
        var past = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Keep, "Claim expected", Today.AddYears(6))));
        Assert.StartsWith("Choose a date after today", past.Message, StringComparison.Ordinal);

        await app.SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Keep, "The family's solicitor has written about a claim.", keepUntil));
        var queue = await app.SendAsync(new GetRetentionQueueQuery());
        Assert.Empty(queue.ForReview);
        var decision = Assert.Single(queue.RecentDecisions);
        Assert.Equal((RetentionReviewDecision.Keep, "The family's solicitor has written about a claim.", (DateOnly?)keepUntil), (decision.Decision, decision.Reason, decision.KeepUntil));

        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(7));
        var back = Assert.Single((await app.SendAsync(new GetRetentionQueueQuery())).ForReview);
        Assert.Equal(keepUntil, back.DueSince);
        Assert.Contains("The family's solicitor has written about a claim.", back.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, (await SweepAsync()).CasesDestroyed);

        // Destroyed in the end: the decisions stay, what the DPO wrote about the case goes with it.
        await app.SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Destroy, null, null));
        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);
        await using var db = app.Db();
        Assert.All(await db.RetentionReviews.Where(r => r.RequestId == id).ToListAsync(), r => Assert.Null(r.Reason));
        Assert.Equal(2, await db.RetentionReviews.CountAsync(r => r.RequestId == id));
    }

    [Fact]
    public async Task A_legal_hold_on_the_child_stops_destruction_and_approval_until_it_is_released()
    {
        var (id, _) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        await AddDpoAccountAsync();
        var hold = await app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Tribunal, "SEND Tribunal appeal 26-00042", null, "ZEPHYRINE  quillfeather", ChildBorn));
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(1));

        var report = await SweepAsync();
        Assert.Equal((0, 1), (report.CasesDestroyed, report.Held));
        var held = Assert.Single((await app.SendAsync(new GetRetentionQueueQuery())).Held);
        Assert.Equal($"Tribunal hold placed by Dana Protection on every record about the child: SEND Tribunal appeal 26-00042", Assert.Single(held.Holds));
        await using (var db = app.Db())
        {
            Assert.Equal(Child, (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id)).SubjectName);
        }

        await app.SendAsync(new ReleaseLegalHoldCommand(hold, "The tribunal decided the appeal."));
        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);

        // The released hold named the child: once the child's case is destroyed, it keeps what it was and when, not whom or why.
        var released = Assert.Single(await app.SendAsync(new GetLegalHoldsQuery()));
        Assert.Equal(((string?)null, (DateOnly?)null, "", (string?)null), (released.ChildName, released.ChildDateOfBirth, released.Reason, released.ReleaseReason));
        Assert.NotNull(released.ReleasedAt);
    }

    [Fact]
    public async Task Approval_is_refused_while_a_hold_is_in_force()
    {
        var (id, reference) = await ClosedCaseAsync();
        await app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.IcoInvestigation, "ICO case IC-1", reference, null, null));
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(1));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new DecideRetentionReviewCommand(id, PortalRecordKind.CaseFile, RetentionReviewDecision.Destroy, null, null)));
        Assert.StartsWith("This record cannot be destroyed while a hold is in force.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_request_about_the_same_child_holds_the_closed_file_until_it_closes()
    {
        var (_, _) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(1));
        // A new request about the same child, the name written differently.
        var open = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { SubjectName = "zephyrine  QUILLFEATHER", SubjectDateOfBirth = ChildBorn });

        var report = await SweepAsync();
        Assert.Equal((0, 1), (report.CasesDestroyed, report.Held));
        var held = Assert.Single((await app.AsDpo("STK").SendAsync(new GetRetentionQueueQuery())).Held);
        Assert.Contains($"Held while request {open.Reference} about this child is open.", held.Holds);

        var version = await VersionAsync(open.RequestId);
        await app.AsCaseworker("STK").SendAsync(new WithdrawRequestCommand(open.RequestId, version, "The family withdrew it by phone."));
        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);
    }

    [Fact]
    public async Task Identity_documents_are_destroyed_a_month_after_the_identity_decision_while_the_case_and_other_files_stay()
    {
        var (id, _) = await OpenCaseWithIdentityAsync();
        var versionBefore = await VersionAsync(id);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddMonths(1).AddDays(-1));
        Assert.Equal(0, (await SweepAsync()).IdentityDocumentSetsDestroyed);

        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddMonths(1));
        var report = await SweepAsync();
        Assert.Equal((1, 0), (report.IdentityDocumentSetsDestroyed, report.CasesDestroyed));
        await using (var db = app.Db())
        {
            var left = Assert.Single(await db.Files.Where(f => f.RequestId == id).ToListAsync());
            Assert.Equal(UploadKind.Evidence, left.Kind);
            Assert.Equal([left.StoredName], Directory.GetFiles(FilesFolder).Select(Path.GetFileName));
            var kept = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal(Child, kept.SubjectName);
            var note = kept.Events.OrderBy(e => e.Sequence).Last();
            Assert.Equal((RunRetentionSweep.IdentityDestroyedEvent, RunRetentionSweep.Actor, kept.Events.Count, app.Clock.GetUtcNow()), (note.Kind, note.ActorId, note.Sequence, note.At));
            Assert.StartsWith("The copies of the proof of identity were destroyed under the retention schedule (Identity documents uploaded for verification: 1 month after the identity decision", note.Detail, StringComparison.Ordinal);
            Assert.NotEqual(versionBefore, kept.Version);
            Assert.Single(await db.AuditEvents.Where(e => e.RequestId == id && e.Action == RunRetentionSweep.IdentityDestroyedAction).ToListAsync());
        }

        Assert.Equal(0, (await SweepAsync()).IdentityDocumentSetsDestroyed);
        await using var again = app.Db();
        Assert.Single(await again.AuditEvents.Where(e => e.Action == RunRetentionSweep.IdentityDestroyedAction).ToListAsync());
    }

    [Fact]
    public async Task A_sweep_stopped_inside_its_transaction_leaves_the_case_whole_and_the_next_run_destroys_it()
    {
        var (id, _) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(1));

        fault.StopAt = RetentionSweepProbe.CaseRowsDeleted;
        await Assert.ThrowsAsync<SimulatedCrash>(SweepAsync);
        await using (var db = app.Db())
        {
            var whole = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal((Child, (DateTimeOffset?)null), (whole.SubjectName, whole.DestroyedAt));
            Assert.NotEmpty(whole.Messages);
            Assert.Equal(2, await db.Files.CountAsync(f => f.RequestId == id));
            Assert.Empty(await db.PendingDeletions.ToListAsync());
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == RunRetentionSweep.CaseDestroyedAction));
        }

        Assert.Equal(2, Directory.GetFiles(FilesFolder).Length);

        fault.StopAt = null;
        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);
        Assert.Empty(Directory.GetFiles(FilesFolder));
    }

    [Fact]
    public async Task A_sweep_stopped_after_its_commit_leaves_files_on_disk_that_the_next_run_deletes_without_destroying_or_logging_twice()
    {
        var (id, _) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6).AddDays(1));

        fault.StopAt = RetentionSweepProbe.CasesCommitted;
        await Assert.ThrowsAsync<SimulatedCrash>(SweepAsync);
        await using (var db = app.Db())
        {
            Assert.NotNull((await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id)).DestroyedAt);
            Assert.Equal(2, await db.PendingDeletions.CountAsync(p => p.Kind == PendingDeletionKind.StoredFile));
        }

        Assert.Equal(2, Directory.GetFiles(FilesFolder).Length);
        Assert.Contains(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));

        fault.StopAt = null;
        var report = await SweepAsync();
        Assert.Equal((0, 2), (report.CasesDestroyed, report.FilesDeletedFromDisk));
        Assert.Empty(Directory.GetFiles(FilesFolder));
        Assert.DoesNotContain(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));
        await using var after = app.Db();
        Assert.Empty(await after.PendingDeletions.ToListAsync());
        Assert.Equal(1, await after.AuditEvents.CountAsync(e => e.Action == RunRetentionSweep.CaseDestroyedAction));
    }

    [Fact]
    public async Task A_sweep_stopped_while_destroying_ID_documents_leaves_them_whole_and_the_next_run_destroys_them()
    {
        var (id, _) = await OpenCaseWithIdentityAsync();
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddMonths(2));

        fault.StopAt = RetentionSweepProbe.IdentityRowsDeleted;
        await Assert.ThrowsAsync<SimulatedCrash>(SweepAsync);
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.Files.CountAsync(f => f.RequestId == id && f.Kind == UploadKind.Identity));
            Assert.Empty(await db.PendingDeletions.ToListAsync());
        }

        Assert.Equal(2, Directory.GetFiles(FilesFolder).Length);

        fault.StopAt = null;
        Assert.Equal(1, (await SweepAsync()).IdentityDocumentSetsDestroyed);
        Assert.Single(Directory.GetFiles(FilesFolder));
    }

    [Fact]
    public async Task A_sweep_stopped_while_blanking_email_copies_leaves_them_whole_and_the_next_run_blanks_them()
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = Email });
        await app.AsCaseworker("STK").SendAsync(new WithdrawRequestCommand(receipt.RequestId, await VersionAsync(receipt.RequestId), "Withdrawn by phone"));
        await MarkAllMailSentAsync();
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddMonths(2));

        fault.StopAt = RetentionSweepProbe.MailBlanked;
        await Assert.ThrowsAsync<SimulatedCrash>(SweepAsync);
        await using (var db = app.Db())
        {
            Assert.All(await db.Outbox.Where(m => m.RequestId == receipt.RequestId).ToListAsync(), m => Assert.Equal(Email, m.To));
            Assert.Empty(await db.PendingDeletions.ToListAsync());
        }

        Assert.Contains(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));

        fault.StopAt = null;
        Assert.True((await SweepAsync()).MailCopiesDestroyed > 0);
        Assert.DoesNotContain(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));
        await using var after = app.Db();
        Assert.All(await after.Outbox.Where(m => m.RequestId == receipt.RequestId).ToListAsync(), m => Assert.Equal("", m.To));
    }

    [Fact]
    public async Task Copies_of_sent_emails_are_blanked_a_month_after_sending_and_expired_sign_in_codes_are_removed()
    {
        var first = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = Email });
        await app.AsCaseworker("STK").SendAsync(new WithdrawRequestCommand(first.RequestId, await VersionAsync(first.RequestId), "Withdrawn by phone"));
        var open = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = "still.open@example.org", SubjectName = "Another Child" });
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        await MarkAllMailSentAsync();
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddDays(20));
        var later = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = "someone.else@example.org", SubjectName = "Later Child" });
        await MarkAllMailSentAsync();

        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddMonths(1).AddDays(1));
        var report = await SweepAsync();
        Assert.Equal((2, 1), (report.MailCopiesDestroyed, report.SignInCodesRemoved));
        await using var db = app.Db();
        var codeMail = await db.Outbox.SingleAsync(m => m.RequestId == null);
        Assert.Equal(("", ""), (codeMail.To, codeMail.Body));
        Assert.All(await db.Outbox.Where(m => m.RequestId == first.RequestId).ToListAsync(), m => Assert.Equal(("", "", ""), (m.To, m.Subject, m.Body)));
        Assert.Contains(await db.Outbox.Where(m => m.RequestId == later.RequestId).ToListAsync(), m => m.To == "someone.else@example.org");
        // Emails about a case still open are the child's records too: held until it closes, however old.
        Assert.All(await db.Outbox.Where(m => m.RequestId == open.RequestId).ToListAsync(), m => Assert.Equal("still.open@example.org", m.To));
        Assert.Empty(await db.FamilySignInCodes.ToListAsync());
        Assert.DoesNotContain(mailCopies.All(), text => text.Contains(Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sweep_limited_to_a_number_of_cases_destroys_that_many_and_leaves_the_rest_for_the_next_run()
    {
        var (first, _) = await ClosedCaseAsync();
        var (second, _) = await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(7));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sweep = scope.ServiceProvider.GetRequiredService<RunRetentionSweep>();
            sweep.MaxCasesPerRun = 1;
            Assert.Equal(1, (await sweep.RunAsync(CancellationToken.None)).CasesDestroyed);
        }

        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.Requests.CountAsync(r => (r.Id == first || r.Id == second) && r.DestroyedAt != null));
        }

        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);
    }

    [Fact]
    public async Task The_DPOs_figures_for_the_month_a_case_was_handled_are_the_same_after_it_is_destroyed()
    {
        await ClosedCaseAsync();
        await SetCaseFileActionAsync(RetentionAction.Destroy);
        var march = new Domain.Oversight.ReportMonth(2026, 3);
        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddYears(6));
        var before = System.Text.Json.JsonSerializer.Serialize(await app.AsDpo("STK").SendAsync(new Features.Oversight.Dashboard.GetDashboardFiguresQuery(null, march, march)));
        Assert.Contains("\"Total\":1", before, StringComparison.Ordinal);

        Assert.Equal(1, (await SweepAsync()).CasesDestroyed);

        var after = System.Text.Json.JsonSerializer.Serialize(await app.SendAsync(new Features.Oversight.Dashboard.GetDashboardFiguresQuery(null, march, march)));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_pending_deletion_that_names_no_stored_file_is_dropped_with_a_warning_and_does_not_stop_the_sweep()
    {
        await using (var db = app.Db())
        {
            db.PendingDeletions.Add(new PendingDeletion { Kind = PendingDeletionKind.StoredFile, Name = "../../etc/passwd", RecordedAt = PortalApp.DefaultNow });
            await db.SaveChangesAsync();
        }

        await SweepAsync();
        await using var after = app.Db();
        Assert.Empty(await after.PendingDeletions.ToListAsync());
        Assert.Contains(app.Logs.Messages, m => m.Contains("A pending deletion names no stored file and is dropped: ArgumentException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_organisations_failure_is_logged_and_the_rest_of_the_sweep_still_runs_before_it_is_raised()
    {
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        await using (var db = app.Db())
        {
            // A schedule line no editor would accept (it is refused above 150 years): dates cannot count that far back.
            var rule = await db.RetentionRules.SingleAsync(r => r.OrganisationId == app.OrganisationId("STK") && r.RecordType == "Rights-request case file");
            rule.Years = 20_000;
            await db.SaveChangesAsync();
        }

        app.Clock.SetUtcNow(PortalApp.DefaultNow.AddDays(3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(SweepAsync);

        Assert.Contains(app.Logs.Messages, m => m.Contains("Retention sweep of one organisation failed: ArgumentOutOfRangeException", StringComparison.Ordinal));
        await using var after = app.Db();
        Assert.Empty(await after.FamilySignInCodes.ToListAsync()); // the work after the organisations still ran
    }

    [Fact]
    public async Task The_blanking_statement_covers_every_text_column_of_a_case_except_those_the_tombstone_keeps()
    {
        await using var db = app.Db();
        var entity = db.Model.FindEntityType(typeof(RightsRequest))!;
        var sql = RunRetentionSweep.BlankSql(db.Model, typeof(RightsRequest), RunRetentionSweep.KeptCaseText, "Id");
        foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && !p.IsKey()))
        {
            Assert.Equal(!RunRetentionSweep.KeptCaseText.Contains(property.Name), sql.Contains($"\"{property.GetColumnName()}\" =", StringComparison.Ordinal));
        }

        Assert.Contains("\"RequesterEmail\" = ''", sql, StringComparison.Ordinal);
        Assert.Contains("\"Details\" = NULL", sql, StringComparison.Ordinal);
    }

    private async Task<RetentionSweepReport> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunRetentionSweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>A request about the child with ID, evidence, a message, a search, a record listed, a response and closure, all naming the child.</summary>
    private async Task<(Guid Id, string Reference)> ClosedCaseAsync()
    {
        var (id, reference) = await OpenCaseWithIdentityAsync();
        var caseworker = app.AsCaseworker("STK");
        string service;
        await using (var db = app.Db())
        {
            service = await db.OrganisationServices.Where(s => s.OrganisationId == app.OrganisationId("STK")).Select(s => s.Name).FirstAsync();
        }

        var s3 = await caseworker.SendAsync(new AskServiceToSearchCommand(id, await VersionAsync(id), service, $"Search for {Child}, born 19 July 2013", Today.AddDays(5)));
        Guid taskId;
        await using (var db = app.Db())
        {
            taskId = (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id)).SearchTasks.Single().Id;
        }

        var s4 = await caseworker.SendAsync(new RecordSearchFindingsCommand(id, s3.Version, taskId, $"Found {Child}'s EHC plan"));
        var s5 = await caseworker.SendAsync(new RecordDisclosureCommand(id, s4.Version, $"EHC plan for {Child}", Disposition.Disclosed, null, null));
        var s6 = await caseworker.SendAsync(new DraftResponseCommand(id, s5.Version, Outcome.Complied, $"Copies of {Child}'s records"));
        await caseworker.SendAsync(new CloseRequestCommand(id, s6.Version, Outcome.Complied, Today, null));
        await MarkAllMailSentAsync();
        return (id, reference);
    }

    private async Task<(Guid Id, string Reference)> OpenCaseWithIdentityAsync()
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with
        {
            RequesterName = Parent, RequesterEmail = Email, SubjectName = Child, SubjectDateOfBirth = ChildBorn, Details = $"Everything about {Child}",
        });
        var family = app.AsFamily(Email);
        await family.SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Identity, "passport.pdf", PdfNaming(Child)));
        await family.SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "letter.pdf", PdfNaming(Child)));
        await family.SendAsync(new SendMessageToTeamCommand(receipt.Reference, $"Please include {Child}'s annual reviews."));
        var caseworker = app.AsCaseworker("STK");
        var s1 = await caseworker.SendAsync(new RequestIdentityCommand(receipt.RequestId, await VersionAsync(receipt.RequestId), $"Check who is asking about {Child}"));
        await caseworker.SendAsync(new RecordIdentityReceivedCommand(receipt.RequestId, s1.Version, Today));
        await MarkAllMailSentAsync();
        return (receipt.RequestId, receipt.Reference);
    }

    private static byte[] PdfNaming(string text) => [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes(text), .. "\n%%EOF"u8];

    private async Task<Guid> VersionAsync(Guid id)
    {
        await using var db = app.Db();
        return await db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
    }

    /// <summary>What the mail dispatcher does: sends each waiting message (here, a copy written to the mail folder) and marks it sent.</summary>
    private async Task MarkAllMailSentAsync()
    {
        await using var db = app.Db();
        foreach (var message in await db.Outbox.Where(m => m.SentAt == null).ToListAsync())
        {
            mailCopies.Write(message);
            message.SentAt = app.Clock.GetUtcNow();
        }

        await db.SaveChangesAsync();
    }

    private async Task SetCaseFileActionAsync(RetentionAction action)
    {
        await using var db = app.Db();
        var rule = await db.RetentionRules.SingleAsync(r => r.OrganisationId == app.OrganisationId("STK") && r.RecordType == "Rights-request case file");
        rule.Action = action;
        await db.SaveChangesAsync();
    }

    /// <summary>The DPO the tests act as, with a staff account, so the portal can name them.</summary>
    private async Task AddDpoAccountAsync()
    {
        await using var db = app.Db();
        db.Users.Add(new StaffUser { Id = "dpo-STK", UserName = "dpo@stoke.test", Email = "dpo@stoke.test", DisplayName = "Dana Protection", OrganisationId = app.OrganisationId("STK") });
        await db.SaveChangesAsync();
    }

    private byte[] DatabaseBytes()
    {
        SqliteConnection.ClearAllPools();
        var all = new List<byte>();
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm", DatabaseFile + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[stream.Length];
            stream.ReadExactly(buffer);
            all.AddRange(buffer);
        }

        return [.. all];
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;

    private sealed class SimulatedCrash() : Exception("Simulated crash");

    /// <summary>Stops the sweep at a chosen step, as a crash would.</summary>
    private sealed class Fault : RetentionSweepProbe
    {
        public string? StopAt { get; set; }

        public override Task ReachedAsync(string step, CancellationToken ct) => step == StopAt ? throw new SimulatedCrash() : Task.CompletedTask;
    }

    /// <summary>The copies of sent mail kept in a folder, as the .eml sender does: one file per message, named by its id.</summary>
    private sealed class FolderMailCopies(string directory) : ISentMailCopies
    {
        public void Write(OutboxMessage message)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"copy-{message.Id:N}.eml"), $"To: {message.To}\nSubject: {message.Subject}\n\n{message.Body}");
        }

        public List<string> All() => Directory.Exists(directory) ? Directory.GetFiles(directory).Select(File.ReadAllText).ToList() : [];

        public void Delete(Guid outboxMessageId)
        {
            foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory, $"*-{outboxMessageId:N}.eml") : []) File.Delete(file);
        }
    }
}
