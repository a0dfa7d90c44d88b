using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Behaviours;

/// <summary>
/// Every command that was allowed to run leaves one append-only, hash-chained audit row: who, what, which
/// organisation and request, when, and whether it succeeded. Ids only, never personal data.
/// </summary>
public sealed class AuditBehaviour<TRequest, TResponse>(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return await next();
        }

        // The row is written by AuditInterceptor in the same transaction as the command's first saved change.
        // A command about a named organisation (an administrator's change to one organisation's settings) is audited against it.
        var audited = request as IAuditable;
        var pending = new PendingAudit(clock.GetUtcNow(), actor.UserId ?? "public", typeof(TRequest).Name, audited?.AuditOrganisationId ?? actor.OrganisationId, audited?.AuditRequestId);
        var outer = PendingAudit.Current;
        PendingAudit.Current = pending;
        TResponse response;
        try
        {
            response = await next();
        }
        catch (Exception ex) when (ex is Domain.DomainRuleException or NotFoundException or ForbiddenException or ConcurrencyConflictException)
        {
            PendingAudit.Current = outer;
            await WriteAsync(request, default, "Refused", CancellationToken.None);
            throw;
        }
        finally
        {
            PendingAudit.Current = outer;
        }

        if (!pending.Written)
        {
            // The command saved nothing itself (for example a repeated form post answered from the first one).
            await WriteAsync(request, response, "Succeeded", CancellationToken.None);
        }

        return response;
    }

    private async Task WriteAsync(TRequest request, TResponse? response, string outcome, CancellationToken ct)
    {
        var subject = response as IAuditable ?? request as IAuditable;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await AuditLog.AppendAsync(db, new AuditEntry(
            clock.GetUtcNow(),
            actor.UserId ?? "public",
            typeof(TRequest).Name,
            outcome,
            subject?.AuditOrganisationId ?? actor.OrganisationId,
            subject?.AuditRequestId), ct);
    }
}
