using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RightsPortal.Application.Data;

namespace RightsPortal.Application.Oversight;

/// <summary>
/// Walks the audit trail's hash chain and records the result as an <see cref="AuditChainCheck"/>: on demand (a DPO or
/// administrator presses the button) or daily (the background watcher). Logs counts and row ids only.
/// </summary>
public sealed class AuditChainChecker(IDbContextFactory<PortalDb> dbs, TimeProvider clock, ILogger<AuditChainChecker> logger)
{
    public const string Daily = "daily";
    public const string OnDemand = "on demand";

    /// <summary>Who made a daily check.</summary>
    public const string System = "system";

    /// <summary>A check is due when none (of either kind) was made in this long.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    /// <summary>Walks the whole chain now and stores the result.</summary>
    public async Task<AuditChainCheck> CheckAsync(string trigger, string checkedBy, CancellationToken ct)
    {
        ChainWalk walk;
        long? removedAfter = null;
        await using (var reading = await dbs.CreateDbContextAsync(ct))
        {
            walk = await AuditLog.WalkChainAsync(reading, ct);

            // A chain whose last rows were deleted is still a valid chain. The last intact check's final row must still
            // be there with the same hash; if it is not, rows were removed (or it was changed) since that check.
            var anchor = await reading.AuditChainChecks.AsNoTracking()
                .Where(c => c.FirstBrokenId == null && c.LastRowId != null)
                .OrderByDescending(c => c.Id)
                .Select(c => new { c.LastRowId, c.LastRowHash })
                .FirstOrDefaultAsync(ct);
            if (walk.FirstBrokenId is null && anchor is not null
                && !await reading.AuditEvents.AsNoTracking().AnyAsync(e => e.Id == anchor.LastRowId && e.Hash == anchor.LastRowHash, ct))
            {
                removedAfter = anchor.LastRowId;
            }
        }

        var check = new AuditChainCheck
        {
            CheckedAt = clock.GetUtcNow(),
            Trigger = trigger,
            CheckedBy = checkedBy,
            RowsChecked = walk.RowsChecked,
            FirstBrokenId = walk.FirstBrokenId ?? removedAfter,
            LastRowId = walk.LastRowId,
            LastRowHash = walk.LastRowHash,
        };
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.AuditChainChecks.Add(check);
            await db.SaveChangesAsync(ct);
        }

        if (check.Intact)
        {
            // The last row and its hash go to the log too, outside the database, so a later deletion of both the rows
            // and this check's record can still be shown.
            logger.LogInformation("Audit trail check {CheckId} ({Trigger}): intact, {Rows} rows checked, ending at audit row {LastRowId} with hash {LastRowHash}",
                check.Id, trigger, check.RowsChecked, check.LastRowId, check.LastRowHash);
        }
        else if (removedAfter is not null)
        {
            logger.LogCritical(
                "Audit trail check {CheckId} ({Trigger}): audit row {RowId}, the last an earlier check read, is gone or changed: rows were removed from the end of the trail outside the portal ({Rows} rows checked)",
                check.Id, trigger, removedAfter, check.RowsChecked);
        }
        else
        {
            logger.LogCritical(
                "Audit trail check {CheckId} ({Trigger}): the hash chain breaks at audit row {RowId} ({Rows} rows checked); the trail was changed outside the portal",
                check.Id, trigger, check.FirstBrokenId, check.RowsChecked);
        }

        return check;
    }

    /// <summary>
    /// The daily job's pass: a check unless one (daily or on demand) was made in the last 24 hours, so restarting the
    /// portal within the day never checks twice. Returns the check made, if any, and when the next one is due.
    /// </summary>
    public async Task<(AuditChainCheck? Made, DateTimeOffset NextDue)> RunDailyIfDueAsync(CancellationToken ct)
    {
        var last = await LastCheckedAtAsync(ct);
        var now = clock.GetUtcNow();
        if (last is { } at && now - at < Interval)
        {
            return (null, at + Interval);
        }

        var check = await CheckAsync(Daily, System, ct);
        return (check, check.CheckedAt + Interval);
    }

    private async Task<DateTimeOffset?> LastCheckedAtAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.AuditChainChecks.AsNoTracking().OrderByDescending(c => c.CheckedAt).Select(c => (DateTimeOffset?)c.CheckedAt).FirstOrDefaultAsync(ct);
    }
}
