using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>A caseworker's change to one case: which case, and the version of it they were looking at.</summary>
public interface ICaseChange : IAuditable
{
    Guid RequestId { get; }
    Guid ExpectedVersion { get; }

    // A refused change is audited against the case it was aimed at.
    Guid? IAuditable.AuditRequestId => RequestId;
    Guid? IAuditable.AuditOrganisationId => null;
}

/// <summary>
/// The one way caseworker commands change a case: load it within the caseworker's organisation, refuse if it changed
/// since they loaded it, apply one domain method with the organisation's clock, save (the concurrency token catches a
/// change that lands in between), and return what the case page shows.
/// </summary>
public sealed class CaseChanges(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, ICurrentActor actor, TimeProvider clock)
{
    /// <param name="mail">An email the change causes (for example the extension notice), written in the same save.</param>
    public async Task<CaseState> ApplyAsync(ICaseChange change, Action<RightsRequest, CaseContext> apply, CancellationToken ct, Func<RightsRequest, CaseMail, OutboxMessage?>? mail = null)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == change.RequestId && r.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("request");
        if (request.Version != change.ExpectedVersion)
        {
            throw new ConcurrencyConflictException();
        }

        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, organisationId, ct);
        var context = new CaseContext(actor.UserId ?? "unknown", clock.GetUtcNow(), clock.UkToday(), calculator, settings);
        apply(request, context);
        if (mail is not null)
        {
            var organisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);
            var templates = await MailTemplateSet.LoadAsync(db, organisationId, ct);
            if (mail(request, new CaseMail(organisationName, context.At, templates)) is { } message)
            {
                db.Outbox.Add(message);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        return new CaseState(request.Id, request.Version, request.Status, request.DueOn);
    }
}

/// <summary>What an email caused by a case change needs besides the case: who signs it, when it was written, and the organisation's wording.</summary>
public sealed record CaseMail(string OrganisationName, DateTimeOffset At, MailTemplateSet? Templates = null);

/// <summary>The case after a change: its new version for the next change, status and legal limit.</summary>
public sealed record CaseState(Guid RequestId, Guid Version, RequestStatus Status, DateOnly DueOn);
