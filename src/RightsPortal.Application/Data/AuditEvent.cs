using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RightsPortal.Application.Data;

/// <summary>One append-only row of the audit trail, chained to the row before it by a SHA-256 hash.</summary>
public sealed class AuditEvent
{
    /// <summary>The finest time the database keeps: it stores a DateTimeOffset as tenths of a millisecond (PortalDb's conversion).</summary>
    internal const long StoredTicks = 1000;

    private DateTimeOffset at;

    public long Id { get; set; }

    /// <summary>
    /// When it happened, cut to what the database keeps, so the hash worked out before saving is the hash of the row
    /// read back (a clock's full precision would make every check report a changed row).
    /// </summary>
    public DateTimeOffset At
    {
        get => at;
        set => at = new DateTimeOffset(value.Ticks - (value.Ticks % StoredTicks), value.Offset);
    }

    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string Outcome { get; set; } = "";
    public Guid? OrganisationId { get; set; }
    public Guid? RequestId { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public string ComputeHash() => AuditLog.HashOf(this);
}

public sealed record AuditEntry(DateTimeOffset At, string ActorId, string Action, string Outcome, Guid? OrganisationId, Guid? RequestId);

public static class AuditLog
{
    public const string Genesis = "genesis";

    private static readonly string[] InsertParameters = ["$at", "$actor", "$action", "$outcome", "$organisation", "$request", "$previous", "$hash"];

    /// <summary>
    /// Appends one row inside a write-locked transaction, so two commands finishing together cannot both chain to
    /// the same predecessor.
    /// </summary>
    public static async Task AppendAsync(PortalDb db, AuditEntry entry, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct); // SQLite: BEGIN IMMEDIATE takes the write lock.
        var previous = await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? Genesis;
        var row = Chained(entry, previous);
        db.AuditEvents.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Appends rows, chained in order, inside the caller's transaction (which must already hold the write lock), so
    /// the rows are written if and only if the change they record is. One prepared statement run per row: the
    /// retention sweep writes thousands at a time, and tracking each as an entity would cost more than the rest of
    /// its work.
    /// </summary>
    public static async Task AppendInTransactionAsync(PortalDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Audit rows for a change are appended in that change's transaction.");
        if (entries.Count == 0) return;
        var previous = await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? Genesis;
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction);
        insert.CommandText = """
            INSERT INTO "AuditEvents" ("At", "ActorId", "Action", "Outcome", "OrganisationId", "RequestId", "PreviousHash", "Hash")
            VALUES ($at, $actor, $action, $outcome, $organisation, $request, $previous, $hash)
            """;
        var parameters = InsertParameters
            .Select(name =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
                return parameter;
            })
            .ToArray();
        foreach (var entry in entries)
        {
            var row = Chained(entry, previous);
            previous = row.Hash;

            // Stored as EF stores them: the instant as its binary form, ids as upper-case text.
            parameters[0].Value = StoredValues.Instant(row.At);
            parameters[1].Value = row.ActorId;
            parameters[2].Value = row.Action;
            parameters[3].Value = row.Outcome;
            parameters[4].Value = row.OrganisationId is { } organisation ? StoredValues.Id(organisation) : DBNull.Value;
            parameters[5].Value = row.RequestId is { } request ? StoredValues.Id(request) : DBNull.Value;
            parameters[6].Value = row.PreviousHash;
            parameters[7].Value = row.Hash;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The row for an entry, linked to the hash of the row before it and hashed itself.</summary>
    private static AuditEvent Chained(AuditEntry entry, string previous)
    {
        var row = new AuditEvent
        {
            At = entry.At,
            ActorId = entry.ActorId,
            Action = entry.Action,
            Outcome = entry.Outcome,
            OrganisationId = entry.OrganisationId,
            RequestId = entry.RequestId,
            PreviousHash = previous,
        };
        row.Hash = HashOf(row);
        return row;
    }

    internal static string HashOf(AuditEvent e)
    {
        var text = string.Join('|',
            e.PreviousHash,
            e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            e.ActorId,
            e.Action,
            e.Outcome,
            e.OrganisationId?.ToString() ?? "",
            e.RequestId?.ToString() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the chain; returns the id of the first row whose hash or link does not match, or null when intact.</summary>
    public static async Task<long?> FindFirstBrokenLinkAsync(PortalDb db, CancellationToken ct) =>
        (await WalkChainAsync(db, ct)).FirstBrokenId;

    /// <summary>
    /// Walks the chain oldest first, streaming one row at a time (never the whole table in memory), and stops at the
    /// first row whose hash or link does not match. <see cref="ChainWalk.RowsChecked"/> counts that row too.
    /// </summary>
    public static async Task<ChainWalk> WalkChainAsync(PortalDb db, CancellationToken ct)
    {
        var previous = Genesis;
        long rows = 0;
        long? lastId = null;
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            rows++;
            if (row.PreviousHash != previous || row.Hash != HashOf(row))
            {
                return new ChainWalk(rows, row.Id);
            }

            previous = row.Hash;
            lastId = row.Id;
        }

        return new ChainWalk(rows, null, lastId, lastId is null ? null : previous);
    }
}

/// <summary>
/// What one walk of the hash chain found: how many rows it read, and the first that does not match (null: intact); for
/// an intact chain, its last row and that row's hash.
/// </summary>
public sealed record ChainWalk(long RowsChecked, long? FirstBrokenId, long? LastRowId = null, string? LastRowHash = null);
