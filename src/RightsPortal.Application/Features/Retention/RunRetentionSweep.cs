using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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

    /// <summary>The tables that hold only what people wrote or did on a case: deleted whole.</summary>
    private static readonly string[] CaseOwnedTables = ["CaseEvents", "CaseMessages", "RequestAnswers", "AuthorityRecords", "DisclosureItems", "ClarificationPauses"];

    public async Task<RetentionSweepReport> RunAsync(CancellationToken ct)
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

        foreach (var organisationId in organisations)
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
                cases += await DestroyCasesAsync(organisationId, batch, now, ct);
                deleted += await FinishPendingDeletionsAsync(ct);
            }

            foreach (var batch in identityItems.Chunk(BatchSize))
            {
                identity += await DestroyIdentityDocumentsAsync(organisationId, batch, now, ct);
                deleted += await FinishPendingDeletionsAsync(ct);
            }

            mail += await DestroyMailCopiesAsync(organisationId, today, now, ct);
            deleted += await FinishPendingDeletionsAsync(ct);
        }

        mail += await DestroyMailCopiesAsync(null, today, now, ct); // sign-in codes and other mail for no organisation
        deleted += await FinishPendingDeletionsAsync(ct);

        int codes;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var expired = now - SignInCodeKeep;
            codes = await db.FamilySignInCodes.Where(c => c.ExpiresAt < expired).ExecuteDeleteAsync(ct);
            if (cases + identity + mail + codes > 0)
            {
                // Freed pages are zeroed (secure_delete); the write-ahead log still holds the old pages until it is
                // checkpointed and truncated. A reader in the way only delays this to the next sweep.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            }
        }

        var report = new RetentionSweepReport(today, cases, identity, mail, codes, review, held, deleted, Stopwatch.GetElapsedTime(started));
        logger.LogInformation(
            "Retention sweep for {Today}: {Cases} case files, {Identity} sets of ID documents and {Mail} email copies destroyed, {Codes} sign-in codes removed, {Files} files deleted; {Review} waiting for review, {Held} held; {Milliseconds} ms",
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cases, identity, mail, codes, deleted, review, held, (long)report.Elapsed.TotalMilliseconds);
        return report;
    }

    private async Task<int> DestroyCasesAsync(Guid organisationId, IReadOnlyList<DueRecord> batch, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = batch.Select(b => b.RequestId).ToList();

        // Still there and not destroyed, read inside the write lock: a second sweep running at once finds nothing to do.
        var requests = await db.Requests.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.OrganisationId == organisationId && r.DestroyedAt == null && r.ClosedOn != null)
            .Select(r => new { r.Id, r.Reference, r.Right, r.Status, r.ReceivedOn, r.ClosedOn, r.ResponseSentOn, r.Outcome, r.Decision, r.SubjectName, r.SubjectDateOfBirth })
            .ToListAsync(ct);

        // A legal hold placed since the sweep looked wins: checked again under the lock.
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.OrganisationId == organisationId && h.ReleasedAt == null).ToListAsync(ct);
        requests.RemoveAll(r => holds.Any(h => h.Holds(r.Id, ChildKey.TryOf(r.SubjectName, r.SubjectDateOfBirth))));
        if (requests.Count == 0) return 0;
        var live = requests.Select(r => r.Id).ToList();
        var json = FindDueRecords.GuidJson(live);

        var storedNames = await db.Files.Where(f => live.Contains(f.RequestId)).Select(f => f.StoredName).ToListAsync(ct);
        var mailIds = await db.Outbox.Where(m => m.RequestId != null && live.Contains(m.RequestId.Value)).Select(m => m.Id).ToListAsync(ct);
        db.PendingDeletions.AddRange(storedNames.Select(n => new PendingDeletion { Kind = PendingDeletionKind.StoredFile, Name = n, RecordedAt = now }));
        db.PendingDeletions.AddRange(mailIds.Select(id => new PendingDeletion { Kind = PendingDeletionKind.SentMailCopy, Name = id.ToString("N"), RecordedAt = now }));
        await db.SaveChangesAsync(ct);

        foreach (var table in CaseOwnedTables)
        {
            // The table names are this class's own constants, never input.
            var sql = "DELETE FROM \"" + table + "\" WHERE \"RequestId\" IN (SELECT value FROM json_each({0}))";
            await db.Database.ExecuteSqlRawAsync(sql, [json], ct);
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Files\" WHERE \"RequestId\" IN (SELECT value FROM json_each({0}))", [json], ct);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Outbox\" SET \"To\" = '', \"Subject\" = '', \"Body\" = '' WHERE \"RequestId\" IN (SELECT value FROM json_each({0}))", [json], ct);
        await db.Database.ExecuteSqlRawAsync(BlankSql(db.Model, typeof(SearchTask), keep: [nameof(SearchTask.ServiceName)], "RequestId"), [json], ct);
        var references = requests.Select(r => r.Reference).ToList();
        await db.StaffReminders.Where(r => r.OrganisationId == organisationId && references.Contains(r.Reference)).ExecuteDeleteAsync(ct);
        await probe.ReachedAsync(RetentionSweepProbe.CaseRowsDeleted, ct);

        // The tombstone: the case's own row with every personal field blanked and the record of destruction written.
        var blankRequests = BlankSql(db.Model, typeof(RightsRequest), KeptRequestText, "Id",
            extra: "\"SubjectDateOfBirth\" = '0001-01-01', \"FamilyGroupId\" = NULL, \"DestroyedAt\" = {1}, \"DestroyedUnderRule\" = {2}, \"DestructionApprovedBy\" = {3}, \"Version\" = {4}");
        var destroyedAt = new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        var byId = batch.ToDictionary(b => b.RequestId);
        var audit = new List<AuditEntry>();
        foreach (var group in requests.GroupBy(r => (byId[r.Id].Item.Rule.Describe(), byId[r.Id].ApprovedBy ?? Tombstone.AutomaticSweep)))
        {
            foreach (var r in group)
            {
                // Refuses an open case: its records are needed to answer it.
                _ = Tombstone.Of(new TombstoneFacts(r.Id, organisationId, r.Reference, r.Right, r.Status, r.ReceivedOn, r.ClosedOn, r.ResponseSentOn, r.Outcome, r.Decision),
                    byId[r.Id].Item.Rule, now, group.Key.Item2);
                audit.Add(new AuditEntry(now, Actor, CaseDestroyedAction, "Succeeded", organisationId, r.Id));
            }

            await db.Database.ExecuteSqlRawAsync(blankRequests,
                [FindDueRecords.GuidJson(group.Select(r => r.Id)), destroyedAt, group.Key.Item1, group.Key.Item2, Guid.NewGuid().ToString().ToUpperInvariant()], ct);
        }

        await AuditLog.AppendInTransactionAsync(db, audit, ct);
        await tx.CommitAsync(ct);
        await probe.ReachedAsync(RetentionSweepProbe.CasesCommitted, ct);
        return requests.Count;
    }

    private async Task<int> DestroyIdentityDocumentsAsync(Guid organisationId, IReadOnlyList<DueRecord> batch, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = batch.Select(b => b.RequestId).ToList();
        var rows = await db.Files
            .Where(f => ids.Contains(f.RequestId) && f.Kind == UploadKind.Identity)
            .Join(db.Requests.Where(r => r.OrganisationId == organisationId), f => f.RequestId, r => r.Id, (f, r) => new { f.Id, f.RequestId, f.StoredName })
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;
        db.PendingDeletions.AddRange(rows.Select(f => new PendingDeletion { Kind = PendingDeletionKind.StoredFile, Name = f.StoredName, RecordedAt = now }));
        await db.SaveChangesAsync(ct);
        var fileIds = rows.Select(f => f.Id).ToList();
        await db.Files.Where(f => fileIds.Contains(f.Id)).ExecuteDeleteAsync(ct);
        await probe.ReachedAsync(RetentionSweepProbe.IdentityRowsDeleted, ct);
        var cases = rows.Select(f => f.RequestId).Distinct().ToList();

        // The case's timeline says what went and why, so nobody looks for the passport; the case's version moves on,
        // so a page opened before cannot save over it unawares.
        var rules = batch.ToDictionary(b => b.RequestId, b => b.Item.Rule.Describe());
        var at = new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        foreach (var id in cases)
        {
            var key = id.ToString().ToUpperInvariant();
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "CaseEvents" ("Id", "RequestId", "Sequence", "At", "ActorId", "Kind", "Detail")
                SELECT {0}, {1}, COALESCE(MAX("Sequence"), 0) + 1, {2}, {3}, {4}, {5} FROM "CaseEvents" WHERE "RequestId" = {1};
                UPDATE "Requests" SET "Version" = {6} WHERE "Id" = {1};
                """,
                [Guid.NewGuid().ToString().ToUpperInvariant(), key, at, Actor, IdentityDestroyedEvent,
                    $"The copies of the proof of identity were destroyed under the retention schedule ({rules[id]}). The identity decision and its reason are kept.",
                    Guid.NewGuid().ToString().ToUpperInvariant()],
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

        var holds = organisationId is { } o
            ? await db.LegalHolds.AsNoTracking().Where(h => h.OrganisationId == o && h.ReleasedAt == null).ToListAsync(ct)
            : [];
        var children = new Dictionary<Guid, ChildKey>();
        if (holds.Any(h => h.RequestId is null))
        {
            var requestIds = sent.Where(m => m.RequestId is not null).Select(m => m.RequestId!.Value).Distinct().ToList();
            foreach (var chunk in requestIds.Chunk(5000))
            {
                foreach (var r in await db.Requests.AsNoTracking().Where(r => chunk.Contains(r.Id) && r.SubjectName != "")
                             .Select(r => new { r.Id, r.SubjectName, r.SubjectDateOfBirth }).ToListAsync(ct))
                {
                    if (ChildKey.TryOf(r.SubjectName, r.SubjectDateOfBirth) is { } key) children[r.Id] = key;
                }
            }
        }

        var dueIds = sent.Where(m =>
            {
                var sentOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.SentAt!.Value, UkTime.Zone).DateTime);
                var child = m.RequestId is { } id && children.TryGetValue(id, out var key) ? key : null;
                return RetentionDue.ForSentMail(sentOn, m.RequestId, null, child, settings, holds, today) is { Disposition: DueDisposition.DestroyAutomatically };
            })
            .Select(m => m.Id).ToList();

        var count = 0;
        foreach (var chunk in dueIds.Chunk(BatchSize * 4))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.PendingDeletions.AddRange(chunk.Select(id => new PendingDeletion { Kind = PendingDeletionKind.SentMailCopy, Name = id.ToString("N"), RecordedAt = now }));
            await db.SaveChangesAsync(ct);
            var changed = await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Outbox\" SET \"To\" = '', \"Subject\" = '', \"Body\" = '' WHERE \"Body\" <> '' AND \"Id\" IN (SELECT value FROM json_each({0}))",
                [FindDueRecords.GuidJson(chunk)], ct);
            await probe.ReachedAsync(RetentionSweepProbe.MailBlanked, ct);
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
    internal static string BlankSql(IModel model, Type clrType, IReadOnlyCollection<string> keep, string key, string? extra = null)
    {
        var entity = model.GetEntityTypes().Single(e => e.ClrType == clrType);
        var table = entity.GetTableName()!;
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
