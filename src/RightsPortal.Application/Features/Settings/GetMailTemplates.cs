using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Settings;

/// <summary>
/// Whose email wording a person may see and change: an administrator any organisation's, a DPO only their own.
/// </summary>
internal static class MailTemplateScope
{
    public static Guid OrganisationFor(ICurrentActor actor, Guid? requested)
    {
        if (actor.IsInRole(Roles.Administrator))
        {
            return requested ?? Guid.Empty;
        }

        var own = actor.RequireOrganisation();
        if (requested is { } asked && asked != own)
        {
            throw new ForbiddenException("You can change only your own organisation's emails.");
        }

        return own;
    }
}

/// <summary>
/// Every kind of email an organisation sends, with the wording it uses now (its own, or the portal's default), the
/// default beside it, and the placeholders each kind may use. Administrators choose the organisation (the first by
/// name when none is given); a DPO always gets their own.
/// </summary>
[RequiresRole(Roles.Administrator, Roles.Dpo)]
public sealed record GetMailTemplatesQuery(Guid? OrganisationId = null) : IQuery<MailTemplatesView>;

/// <param name="Organisations">The organisations this person may choose between (a DPO: only their own).</param>
/// <param name="PublicBaseUrl">The portal's address, for the preview's links.</param>
public sealed record MailTemplatesView(
    IReadOnlyList<MailTemplateOrganisation> Organisations,
    MailTemplateOrganisation Organisation,
    string PublicBaseUrl,
    IReadOnlyList<MailTemplateView> Templates);

public sealed record MailTemplateOrganisation(Guid Id, string Code, string Name);

/// <param name="Customised">The organisation has saved its own wording for this kind.</param>
/// <param name="InUse">Its own wording is what is sent (false when there is none, or a stored one no longer passes the rules).</param>
public sealed record MailTemplateView(
    string Kind,
    string Name,
    MailAudience Audience,
    string SentWhen,
    bool Customised,
    bool InUse,
    string Subject,
    string Body,
    MailContent Default,
    IReadOnlyList<MailPlaceholderView> Placeholders,
    DateTimeOffset? UpdatedAt);

public sealed record MailPlaceholderView(string Placeholder, string Meaning, bool Required);

internal sealed class GetMailTemplatesHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, IOptions<MailLinkOptions> links)
    : IRequestHandler<GetMailTemplatesQuery, MailTemplatesView>
{
    public async Task<MailTemplatesView> Handle(GetMailTemplatesQuery query, CancellationToken cancellationToken)
    {
        var organisationId = MailTemplateScope.OrganisationFor(actor, query.OrganisationId);
        var anyOrganisation = actor.IsInRole(Roles.Administrator);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var choices = await db.Organisations.AsNoTracking()
            .Where(o => anyOrganisation || o.Id == organisationId)
            .OrderBy(o => o.Name)
            .Select(o => new MailTemplateOrganisation(o.Id, o.Code, o.Name))
            .ToListAsync(cancellationToken);
        var organisation = organisationId == Guid.Empty
            ? choices.FirstOrDefault() ?? throw new NotFoundException("organisation")
            : choices.SingleOrDefault(o => o.Id == organisationId) ?? throw new NotFoundException("organisation");

        var rows = await db.MailTemplates.AsNoTracking().Where(t => t.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var set = MailTemplateSet.From(rows.Select(r => (r.Kind, r.Subject, r.Body)));
        var templates = MailKindCatalogue.All.Select(kind =>
        {
            var own = rows.SingleOrDefault(r => r.Kind == kind.Kind);
            return new MailTemplateView(
                kind.Kind,
                kind.Name,
                kind.Audience,
                kind.SentWhen,
                own is not null,
                set.IsCustomised(kind.Kind),
                own?.Subject ?? kind.Default.Subject,
                own?.Body ?? kind.Default.Body,
                kind.Default,
                [.. kind.Allowed.Select(p => new MailPlaceholderView(p, MailPlaceholders.Descriptions[p], kind.Required.Contains(p)))],
                own?.UpdatedAt);
        }).ToList();
        return new MailTemplatesView(choices, organisation, MailTemplates.Link(links.Value.PublicBaseUrl), templates);
    }
}
