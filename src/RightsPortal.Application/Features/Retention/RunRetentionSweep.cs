using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using RightsPortal.Application.Data;
using RightsPortal.Application.Files;
using RightsPortal.Application.Mail;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Retention;

/// <summary>What one retention sweep did: counts only, never personal data.</summary>
public sealed record RetentionSweepReport(
    DateOnly Today,
    int CasesDestroyed,
    int IdentityDocumentSetsDestroyed,
    int MailCopiesDestroyed,
    int SignInCodesRemoved,
    int WaitingForReview,
    int Held,
    int FilesDeletedFromDisk,
    TimeSpan Elapsed);

/// <summary>
/// Points inside a sweep where a test can stop it, as a crash or power cut would (fault injection). The sweep calls
/// <see cref="ReachedAsync"/> at each; the default does nothing.
/// </summary>
public class RetentionSweepProbe
{
    public const string CaseRowsDeleted = "case rows deleted";
    public const string CasesCommitted = "cases committed";
    public const string IdentityRowsDeleted = "identity rows deleted";
    public const string MailBlanked = "mail blanked";

    public virtual Task ReachedAsync(string step, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// The retention sweep: destroys every record of the portal's own that has reached its date and is set (or approved)
/// for destruction, unless a hold is in force; items for review are left for the DPO's queue. Each batch of cases is
/// one transaction: rows deleted, personal fields blanked, the tombstone and audit rows written, and the files to
/// delete recorded, or none of it. Files leave the disk after the commit; a crash before that leaves their pending
/// rows, which the next sweep finishes first. A destroyed case is never due again, so a second run destroys and logs
/// nothing twice.
/// </summary>
public sealed class RunRetentionSweep(
    IDbContextFactory<PortalDb> dbs,
    TimeProvider clock,
    IFileStore files,
    IEnumerable<ISentMailCopies> mailCopies,
    RetentionSweepProbe probe,
    ILogger<RunRetentionSweep> logger)
{
    /// <summary>The actor id on the sweep's audit rows.</summary>
    public const string Actor = "retention-sweep";

    public const string CaseDestroyedAction = "Retention: case file destroyed";
    public const string IdentityDestroyedAction = "Retention: identity documents destroyed";
    /// <summary>The timeline entry a case gets when its ID documents are destroyed.</summary>
    public const string IdentityDestroyedEvent = "ID documents destroyed";

    public const string MailDestroyedAction = "Retention: copies of sent emails destroyed";

    /// <summary>Cases per transaction: about a second of work at most, so staff saving a case never wait long for the write lock.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// The most case files one run destroys (none: no limit). A first sweep over years of history can spread the work
    /// over several days; what is left is due again the next day.
    /// </summary>
    public int? MaxCasesPerRun { get; set; }

    /// <summary>Sign-in codes are kept a day past their expiry (for the rate limit and to answer a family's question), then removed.</summary>
    public static readonly TimeSpan SignInCodeKeep = TimeSpan.FromDays(1);

    /// <summary>Columns of a case kept on its tombstone: its reference, the exemptions count in the DPO's figures, and linked references.</summary>
    private static readonly HashSet<string> KeptRequestText = new(StringComparer.Ordinal)
    {
        nameof(RightsRequest.Reference), nameof(RightsRequest.ExemptionsApplied), nameof(RightsRequest.TransferredToReference),
        nameof(RightsRequest.TransferredFromReference), nameof(RightsRequest.DestroyedUnderRule), nameof(RightsRequest.DestructionApprovedBy),
    };

    /// <summary>
    /// The tables of what people wrote or did on a case, with the text columns each keeps (what happened and who on
    /// the staff side, never what anyone wrote). Their rows stay as content-free shells: deleting millions of rows
    /// keyed by random ids rewrites an index page per row, and a sweep of 100,000 cases must not take the portal's disk
    /// for minutes. Every other text column is blanked.
    /// </summary>
    private static readonly (string Table, string[] Keep)[] CaseOwnedTables =
    [
        ("CaseEvents", ["Kind", "ActorId"]), ("CaseMessages", ["AuthorId"]), ("RequestAnswers", []), ("AuthorityRecords", []),
        ("DisclosureItems", []), ("ClarificationPauses", []), ("SearchTasks", ["ServiceName"]),
    ];

    public async Task<RetentionSweepReport> RunAsync(CancellationToken ct)
    {
        try
        {
            return await SweepAsync(ct);
        }
        catch (Interrupted stopped)
        {
            // The probe stood for the process dying: what it threw is what a caller sees, and nothing was carried on.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(stopped.InnerException!).Throw();
            throw;
        }
    }

    /// <summary>Thrown when the probe stops the sweep: never caught by the sweep's own error handling.</summary>
    private sealed class Interrupted(Exception inner) : Exception("The retention sweep was stopped at a probe point.", inner);

    private async Task ReachedAsync(string step, CancellationToken ct)
    {
        try
        {
            await probe.ReachedAsync(step, ct);
        }
        catch (Exception ex)
        {
            throw new Interrupted(ex);
        }
    }

    private async Task<RetentionSweepReport> SweepAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = clock.UkToday();
        int cases = 0, identity = 0, mail = 0, review = 0, held = 0;

        var deleted = await FinishPendingDeletionsAsync(ct); // an earlier sweep may have stopped before its files went

        List<Guid> organisations;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            organisations = await db.Organisations.AsNoTracking().Select(o => o.Id).ToListAsync(ct);
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo? firstFailure = null;
        foreach (var organisationId in organisations)
        {
            try
            {
                IReadOnlyList<DueRecord> due;
                await using (var db = await dbs.CreateDbContextAsync(ct))
                {
                    due = await FindDueRecords.ForOrganisationAsync(db, organisationId, today, ct);
                }

                review += due.Count(d => d.Item.Disposition == DueDisposition.ReviewByDpo);
                held += due.Count(d => d.Item.Disposition == DueDisposition.Held);
                var fileItems = due.Where(d => d.Item.Disposition == DueDisposition.DestroyAutomatically
                                               && d.Item.Kind is PortalRecordKind.CaseFile or PortalRecordKind.ComplaintFile)
                    .OrderBy(d => d.Item.DueSince).Take(MaxCasesPerRun is { } max ? Math.Max(0, max - cases) : int.MaxValue).ToList();
                var destroyedCases = fileItems.Select(d => d.RequestId).ToHashSet();
                var identityItems = due.Where(d => d.Item.Disposition == DueDisposition.DestroyAutomatically
                                                   && d.Item.Kind == PortalRecordKind.IdentityDocuments && !destroyedCases.Contains(d.RequestId)).ToList();

                foreach (var batch in fileItems.Chunk(BatchSize))
                {
                    cases += await DestroyCasesAsync(organisationId, batch, today, now, ct);
                    deleted += await FinishPendingDeletionsAsync(ct);
                }

                foreach (var batch in identityItems.Chunk(BatchSize))
                {
                    identity += await DestroyIdentityDocumentsAsync(organisationId, batch, today, now, ct);
                    deleted += await FinishPendingDeletionsAsync(ct);
                }

                mail += await DestroyMailCopiesAsync(organisationId, today, now, ct);
                deleted += await FinishPendingDeletionsAsync(ct);
            }
            catch (Exception ex) when (ex is not Interrupted && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
            {
                // One organisation's failure must not leave every other organisation's records past their date: the
                // rest are swept, then the failure is raised (and logged by kind by the sweeper).
                logger.LogError("Retention sweep of one organisation failed: {Error}", ex.GetType().Name);
                firstFailure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            }
        }

        mail += await DestroyMailCopiesAsync(null, today, now, ct); // sign-in codes and other mail for no organisation
        deleted += await FinishPendingDeletionsAsync(ct);

        int codes;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var expired = now - SignInCodeKeep;
            codes = await db.FamilySignInCodes.Where(c => c.ExpiresAt < expired).ExecuteDeleteAsync(ct);
        }

        await CheckpointAsync(ct);

        var report = new RetentionSweepReport(today, cases, identity, mail, codes, review, held, deleted, Stopwatch.GetElapsedTime(started));
        logger.LogInformation(
            "Retention sweep for {Today}: {Cases} case files, {Identity} sets of ID documents and {Mail} email copies destroyed, {Codes} sign-in codes removed, {Files} files deleted; {Review} waiting for review, {Held} held; {Milliseconds} ms",
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cases, identity, mail, codes, deleted, review, held, (long)report.Elapsed.TotalMilliseconds);
        firstFailure?.Throw();
        return report;
    }

    /// <summary>
    /// Freed pages are zeroed (secure_delete), but the write-ahead log keeps old page images until it is checkpointed
    /// and truncated. Run on every sweep, whatever it destroyed, so a checkpoint that readers blocked last time is done
    /// now; retried a few times while staff pages are reading.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            // The pragma answers one row: busy (1 while readers are in the way), pages in the log, pages checkpointed.
            await db.Database.OpenConnectionAsync(ct);
            await using var checkpoint = db.Database.GetDbConnection().CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            var busy = Convert.ToInt64(await checkpoint.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            if (busy == 0) return;
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, ct);
        }

        logger.LogWarning("The write-ahead log could not be truncated after the retention sweep (readers in the way); the next sweep tries again");
    }

    private async Task<int> DestroyCasesAsync(Guid organisationId, IReadOnlyList<DueRecord> batch, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Worked out again under the write lock, from the cases as they are now: a hold placed, a case about the same
        // child opened, a hearing recorded or the case reopened since the sweep looked all win, and a second sweep
        // running at once finds nothing left to do.
        var due = (await FindDueRecords.ForOrganisationAsync(db, organisationId, today, ct, [.. batch.Select(b => b.RequestId)]))
            .Where(d => d.Item.Disposition == DueDisposition.DestroyAutomatically && d.Item.Kind is PortalRecordKind.CaseFile or PortalRecordKind.ComplaintFile)
            .ToDictionary(d => d.RequestId);
        if (due.Count == 0) return 0;
        var ids = due.Keys.ToList();
        var requests = await db.Requests.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Reference, r.Right, r.Status, r.ReceivedOn, r.ClosedOn, r.ResponseSentOn, r.Outcome, r.Decision, r.SubjectName, r.SubjectDateOfBirth })
            .ToListAsync(ct);
        var live = requests.Select(r => r.Id).ToList();
        var json = StoredValues.IdsJson(live);

        var storedNames = await db.Files.Where(f => live.Contains(f.RequestId)).Select(f => f.StoredName).ToListAsync(ct);
        var mailIds = await db.Outbox.Where(m => m.RequestId != null && live.Contains(m.RequestId.Value)).Select(m => m.Id).ToListAsync(ct);
        db.PendingDeletions.AddRange(storedNames.Select(n => new PendingDeletion { Kind = PendingDeletionKind.StoredFile, Name = n, RecordedAt = now }));
        db.PendingDeletions.AddRange(mailIds.Select(id => new PendingDeletion { Kind = PendingDeletionKind.SentMailCopy, Name = id.ToString("N"), RecordedAt = now }));
        await db.SaveChangesAsync(ct);

        foreach (var (table, keep) in CaseOwnedTables)
        {
            await db.Database.ExecuteSqlRawAsync(BlankSql(db.Model, table, keep, "RequestId"), [json], ct);
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Files\" WHERE \"RequestId\" IN (SELECT value FROM json_each({0}))", [json], ct);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Outbox\" SET \"To\" = '', \"Subject\" = '', \"Body\" = '' WHERE \"RequestId\" IN (SELECT value FROM json_each({0}))", [json], ct);
        var references = requests.Select(r => r.Reference).ToList();
        await db.StaffReminders.Where(r => r.OrganisationId == organisationId && references.Contains(r.Reference)).ExecuteDeleteAsync(ct);

        // What people wrote about these cases may name the child: the DPO's decisions stay, their reasons go; released
        // holds on the cases, or on their children, keep what they were and when, not why or whom.
        await db.RetentionReviews.Where(r => r.OrganisationId == organisationId && r.RequestId != null && live.Contains(r.RequestId.Value))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Reason, (string?)null), ct);
        var children = requests.Select(r => ChildKey.TryOf(r.SubjectName, r.SubjectDateOfBirth)).OfType<ChildKey>().ToHashSet();
        var released = (await db.LegalHolds.AsNoTracking().Where(h => h.OrganisationId == organisationId && h.ReleasedAt != null).ToListAsync(ct))
            .Where(h => (h.RequestId is { } held && live.Contains(held)) || (h.Child is { } child && children.Contains(child)))
            .Select(h => h.Id).ToList();
        await db.LegalHolds.Where(h => released.Contains(h.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(h => h.Reason, "")
            .SetProperty(h => h.ReleaseReason, (string?)null)
            .SetProperty(h => h.ChildName, (string?)null)
            .SetProperty(h => h.ChildNameKey, (string?)null)
            .SetProperty(h => h.ChildDateOfBirth, (DateOnly?)null), ct);
        await ReachedAsync(RetentionSweepProbe.CaseRowsDeleted, ct);

        // The tombstone: the case's own row with every personal field blanked and the record of destruction written.
        var blankRequests = BlankSql(db.Model, typeof(RightsRequest), KeptRequestText, "Id",
            extra: "\"SubjectDateOfBirth\" = '0001-01-01', \"FamilyGroupId\" = NULL, \"DestroyedAt\" = {1}, \"DestroyedUnderRule\" = {2}, \"DestructionApprovedBy\" = {3}, \"Version\" = {4}");
        var destroyedAt = StoredValues.Instant(now);
        var audit = new List<AuditEntry>();
        foreach (var group in requests.GroupBy(r => (due[r.Id].Item.Rule.Describe(), due[r.Id].ApprovedBy ?? Tombstone.AutomaticSweep)))
        {
            foreach (var r in group)
            {
                // Refuses an open case: its records are needed to answer it.
                _ = Tombstone.Of(new TombstoneFacts(r.Id, organisationId, r.Reference, r.Right, r.Status, r.ReceivedOn, r.ClosedOn, r.ResponseSentOn, r.Outcome, r.Decision),
                    due[r.Id].Item.Rule, now, group.Key.Item2);
                audit.Add(new AuditEntry(now, Actor, CaseDestroyedAction, "Succeeded", organisationId, r.Id));
            }

            await db.Database.ExecuteSqlRawAsync(blankRequests,
                [StoredValues.IdsJson(group.Select(r => r.Id)), destroyedAt, group.Key.Item1, group.Key.Item2, StoredValues.Id(Guid.NewGuid())], ct);
        }

        await AuditLog.AppendInTransactionAsync(db, audit, ct);
        await tx.CommitAsync(ct);
        await ReachedAsync(RetentionSweepProbe.CasesCommitted, ct);
        return requests.Count;
    }

    private async Task<int> DestroyIdentityDocumentsAsync(Guid organisationId, IReadOnlyList<DueRecord> batch, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Worked out again under the write lock: a hold placed since the sweep looked wins.
        var due = (await FindDueRecords.ForOrganisationAsync(db, organisationId, today, ct, [.. batch.Select(b => b.RequestId)]))
            .Where(d => d.Item.Disposition == DueDisposition.DestroyAutomatically && d.Item.Kind == PortalRecordKind.IdentityDocuments)
            .ToDictionary(d => d.RequestId);
        var ids = due.Keys.ToList();
        var decided = await db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, Decided = r.IdentityDecidedOn ?? r.ClosedOn }).ToDictionaryAsync(r => r.Id, r => r.Decided, ct);

        // Only the copies the decision was made on: a file sent after it has its own time to run.
        var rows = (await db.Files
                .Where(f => ids.Contains(f.RequestId) && f.Kind == UploadKind.Identity)
                .Select(f => new { f.Id, f.RequestId, f.StoredName, f.UploadedAt })
                .ToListAsync(ct))
            .Where(f => decided[f.RequestId] is { } on && UkTime.DateOf(f.UploadedAt) <= on)
            .ToList();
        if (rows.Count == 0) return 0;
        db.PendingDeletions.AddRange(rows.Select(f => new PendingDeletion { Kind = PendingDeletionKind.StoredFile, Name = f.StoredName, RecordedAt = now }));
        await db.SaveChangesAsync(ct);
        var fileIds = rows.Select(f => f.Id).ToList();
        await db.Files.Where(f => fileIds.Contains(f.Id)).ExecuteDeleteAsync(ct);
        await ReachedAsync(RetentionSweepProbe.IdentityRowsDeleted, ct);
        var cases = rows.Select(f => f.RequestId).Distinct().ToList();

        // The case's timeline says what went and why, so nobody looks for the passport; the case's version moves on,
        // so a page opened before cannot save over it unawares.
        var rules = due.ToDictionary(d => d.Key, d => d.Value.Item.Rule.Describe());
        var at = StoredValues.Instant(now);
        foreach (var id in cases)
        {
            var key = StoredValues.Id(id);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "CaseEvents" ("Id", "RequestId", "Sequence", "At", "ActorId", "Kind", "Detail")
                SELECT {0}, {1}, COALESCE(MAX("Sequence"), 0) + 1, {2}, {3}, {4}, {5} FROM "CaseEvents" WHERE "RequestId" = {1};
                UPDATE "Requests" SET "Version" = {6} WHERE "Id" = {1};
                """,
                [StoredValues.Id(Guid.NewGuid()), key, at, Actor, IdentityDestroyedEvent,
                    $"The copies of the proof of identity were destroyed under the retention schedule ({rules[id]}). The identity decision and its reason are kept.",
                    StoredValues.Id(Guid.NewGuid())],
                ct);
        }

        await AuditLog.AppendInTransactionAsync(db, [.. cases.Select(id => new AuditEntry(now, Actor, IdentityDestroyedAction, "Succeeded", organisationId, id))], ct);
        await tx.CommitAsync(ct);
        return cases.Count;
    }

    /// <summary>Blanks the copies of sent emails past their period (and not held), in batches; one audit row per batch.</summary>
    private async Task<int> DestroyMailCopiesAsync(Guid? organisationId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var settings = organisationId is { } org ? await FindDueRecords.SettingsAsync(db, org, ct) : RetentionSettings.Defaults;
        var rule = PortalRecordCatalogue.RuleFor(PortalRecordKind.SentMailBodies, settings.OrganisationRules);
        var latest = FindDueRecords.LatestTrigger(rule, today).AddDays(1);
        var before = new DateTimeOffset(latest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sent = await db.Outbox.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.SentAt != null && m.SentAt < before && m.Body != "")
            .Select(m => new { m.Id, m.RequestId, m.SentAt })
            .ToListAsync(ct);
        if (sent.Count == 0) return 0;

        var count = 0;
        foreach (var chunk in sent.Chunk(BatchSize * 4))
        {
            // Holds are read under the write lock, so one placed while the sweep ran wins; the child's open cases and
            // hearings hold the emails about them as they hold the rest of the child's records.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var holds = organisationId is { } o ? await FindDueRecords.HoldsInForceAsync(db, o, ct) : [];
            var related = organisationId is { } p ? await FindDueRecords.RelatedByChildAsync(db, p, today, ct) : [];
            var requestIds = chunk.Where(m => m.RequestId is not null).Select(m => m.RequestId!.Value).Distinct().ToList();
            var children = new Dictionary<Guid, ChildKey>();
            foreach (var r in await db.Requests.AsNoTracking().Where(r => requestIds.Contains(r.Id) && r.SubjectName != "")
                         .Select(r => new { r.Id, r.SubjectName, r.SubjectDateOfBirth }).ToListAsync(ct))
            {
                if (ChildKey.TryOf(r.SubjectName, r.SubjectDateOfBirth) is { } key) children[r.Id] = key;
            }

            var dueIds = chunk.Where(m =>
                {
                    var sentOn = UkTime.DateOf(m.SentAt!.Value);
                    var child = m.RequestId is { } id && children.TryGetValue(id, out var key) ? key : null;
                    var cases = child is not null && related.TryGetValue(child, out var list) ? list : [];
                    return RetentionDue.ForSentMail(sentOn, m.RequestId, null, child, settings, holds, today, cases) is { Disposition: DueDisposition.DestroyAutomatically };
                })
                .Select(m => m.Id).ToList();
            if (dueIds.Count == 0) continue;

            db.PendingDeletions.AddRange(dueIds.Select(id => new PendingDeletion { Kind = PendingDeletionKind.SentMailCopy, Name = id.ToString("N"), RecordedAt = now }));
            await db.SaveChangesAsync(ct);
            var changed = await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Outbox\" SET \"To\" = '', \"Subject\" = '', \"Body\" = '' WHERE \"Body\" <> '' AND \"Id\" IN (SELECT value FROM json_each({0}))",
                [StoredValues.IdsJson(dueIds)], ct);
            await ReachedAsync(RetentionSweepProbe.MailBlanked, ct);
            await AuditLog.AppendInTransactionAsync(db, [new AuditEntry(now, Actor, MailDestroyedAction, "Succeeded", organisationId, null)], ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            count += changed;
        }

        return count;
    }

    /// <summary>Deletes the files recorded for deletion by committed destructions, then their rows. Returns how many went.</summary>
    private async Task<int> FinishPendingDeletionsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pending = await db.PendingDeletions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var done = new List<long>();
        foreach (var item in pending)
        {
            try
            {
                if (item.Kind == PendingDeletionKind.StoredFile)
                {
                    files.Delete(item.Name);
                }
                else if (Guid.TryParseExact(item.Name, "N", out var messageId))
                {
                    foreach (var copies in mailCopies) copies.Delete(messageId);
                }

                done.Add(item.Id);
            }
            catch (ArgumentException ex)
            {
                // Not a name the file store ever wrote: there is nothing it could delete, and retrying cannot help.
                logger.LogWarning("A pending deletion names no stored file and is dropped: {Error}", ex.GetType().Name);
                done.Add(item.Id);
            }
            catch (IOException ex)
            {
                // Left for the next sweep. The type only: a path can carry nothing personal, but the rule is kept simple.
                logger.LogWarning("A file due for deletion could not be deleted yet: {Error}", ex.GetType().Name);
            }
            catch (UnauthorizedAccessException ex)
            {
                logger.LogWarning("A file due for deletion could not be deleted yet: {Error}", ex.GetType().Name);
            }
        }

        foreach (var chunk in done.Chunk(5000))
        {
            await db.PendingDeletions.Where(p => chunk.Contains(p.Id)).ExecuteDeleteAsync(ct);
        }

        return pending.Count(p => p.Kind == PendingDeletionKind.StoredFile && done.Contains(p.Id));
    }

    /// <summary>
    /// An UPDATE that blanks every text column of an entity's table except those kept (nullable ones to NULL, others
    /// to empty), for the rows whose <paramref name="key"/> is in the JSON array parameter {0}. Worked out from the
    /// model, so a text column added later is blanked on destruction unless someone decides it is safe to keep.
    /// </summary>
    internal static string BlankSql(IModel model, Type clrType, IReadOnlyCollection<string> keep, string key, string? extra = null) =>
        BlankSql(model, model.GetEntityTypes().Single(e => e.ClrType == clrType).GetTableName()!, keep, key, extra);

    /// <summary>The same, for the entity mapped to <paramref name="table"/>.</summary>
    internal static string BlankSql(IModel model, string table, IReadOnlyCollection<string> keep, string key, string? extra = null)
    {
        var entity = model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sets = entity.GetProperties()
            .Where(p => p.ClrType == typeof(string) && !p.IsKey() && !keep.Contains(p.Name) && p.GetColumnName(store) is not null)
            .Select(p => $"\"{p.GetColumnName(store)}\" = {(p.IsNullable ? "NULL" : "''")}")
            .ToList();
        if (extra is not null) sets.Add(extra);
        return $"UPDATE \"{table}\" SET {string.Join(", ", sets)} WHERE \"{key}\" IN (SELECT value FROM json_each({{0}}))";
    }

    /// <summary>The text columns a destroyed case keeps (for the test that every other one is blanked).</summary>
    internal static IReadOnlyCollection<string> KeptCaseText => KeptRequestText;
}
