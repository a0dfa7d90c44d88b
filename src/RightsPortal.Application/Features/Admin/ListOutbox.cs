using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Admin;

/// <summary>What the mail outbox holds: how much is waiting, sent or failing, and the latest messages (never their words).</summary>
[RequiresRole(Roles.Administrator)]
public sealed record ListOutboxQuery : IQuery<OutboxOverview>;

public sealed record OutboxOverview(int Waiting, int Sent, int Failing, IReadOnlyList<OutboxRow> Latest);

/// <summary>One message as an administrator sees it: the recipient masked, no subject or body.</summary>
public sealed record OutboxRow(
    Guid Id,
    string Kind,
    string? Organisation,
    string MaskedTo,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    string? LastError);

internal sealed class ListOutboxHandler(IDbContextFactory<PortalDb> dbs) : IRequestHandler<ListOutboxQuery, OutboxOverview>
{
    public const int Shown = 100;

    public async Task<OutboxOverview> Handle(ListOutboxQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var sent = await db.Outbox.CountAsync(m => m.SentAt != null, cancellationToken);
        var failing = await db.Outbox.CountAsync(m => m.SentAt == null && m.Attempts > 0, cancellationToken);
        var waiting = await db.Outbox.CountAsync(m => m.SentAt == null, cancellationToken);

        var latest = await db.Outbox.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt)
            .Take(Shown)
            .Select(m => new
            {
                m.Id,
                m.Kind,
                Organisation = db.Organisations.Where(o => o.Id == m.OrganisationId).Select(o => o.Code).FirstOrDefault(),
                m.To,
                m.CreatedAt,
                m.Attempts,
                m.NextAttemptAt,
                m.SentAt,
                m.LastError,
            })
            .ToListAsync(cancellationToken);

        return new OutboxOverview(
            waiting,
            sent,
            failing,
            [.. latest.Select(m => new OutboxRow(m.Id, m.Kind, m.Organisation, MaskAddress(m.To), m.CreatedAt, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError))]);
    }

    /// <summary>"pat@example.org" becomes "p***@example.org": enough to tell messages apart, not enough to read an address.</summary>
    public static string MaskAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return "***";
        return $"{address[0]}***{address[at..]}";
    }
}
