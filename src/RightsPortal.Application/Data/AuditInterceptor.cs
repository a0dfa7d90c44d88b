using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Data;

/// <summary>The audit row a running command still owes, carried to the save that changes data.</summary>
public sealed class PendingAudit(DateTimeOffset at, string actorId, string action, Guid? organisationId, Guid? requestId = null)
{
    private static readonly AsyncLocal<PendingAudit?> Ambient = new();

    public static PendingAudit? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public DateTimeOffset At { get; } = at;
    public string ActorId { get; } = actorId;
    public string Action { get; } = action;
    public Guid? OrganisationId { get; } = organisationId;

    /// <summary>The case the command was aimed at, named when it changed several (a transfer creates the receiving case too).</summary>
    public Guid? RequestId { get; } = requestId;
    public bool Written { get; internal set; }
    internal IDbContextTransaction? OwnedTransaction { get; set; }
}

/// <summary>
/// Writes a command's audit row inside the same transaction as the first change the command saves, so there is
/// never a change without its audit row (or an audit row for a change that was rolled back).
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDb db && PendingAudit.Current is { Written: false } pending && db.ChangeTracker.HasChanges())
        {
            if (db.Database.CurrentTransaction is null)
            {
                // BEGIN IMMEDIATE: the write lock is held from reading the chain's last hash to committing.
                pending.OwnedTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            }

            // The row names the request the command changed, or the one it was aimed at when it changed several (an
            // import touching many names none).
            var changed = db.ChangeTracker.Entries<RightsRequest>().Where(e => e.State is EntityState.Added or EntityState.Modified).Take(2).ToList();
            var subject = changed.Count == 1 ? changed[0].Entity : null;
            var previous = await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken) ?? AuditLog.Genesis;
            var row = new AuditEvent
            {
                At = pending.At,
                ActorId = pending.ActorId,
                Action = pending.Action,
                Outcome = "Succeeded",
                OrganisationId = subject?.OrganisationId ?? pending.OrganisationId,
                RequestId = subject?.Id ?? pending.RequestId,
                PreviousHash = previous,
            };
            row.Hash = AuditLog.HashOf(row);
            db.AuditEvents.Add(row);
            pending.Written = true;
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (PendingAudit.Current is { OwnedTransaction: { } tx } pending)
        {
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
            pending.OwnedTransaction = null;
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (PendingAudit.Current is { } pending)
        {
            if (pending.OwnedTransaction is { } tx)
            {
                await tx.RollbackAsync(cancellationToken);
                await tx.DisposeAsync();
                pending.OwnedTransaction = null;
            }

            // The change did not happen, so neither did its audit row (the caller's own transaction rolls it back).
            pending.Written = false;
            if (eventData.Context is not null)
            {
                foreach (var entry in eventData.Context.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        PendingAudit.Current is null ? result : throw new InvalidOperationException("Commands must save asynchronously so their audit row is written.");
}
