using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// The response letter for a request, written by <see cref="LetterTemplates"/> from its right, decision and outcome:
/// for an access request the copy enclosed, what was redacted or withheld and under which exemption, and everything
/// Article 15 requires; for the other rights what was decided and what the law requires the family be told of it.
/// The same letter is shown to print and downloaded as a Word document.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetResponseLetterQuery(Guid RequestId) : IQuery<ResponseLetter>;

/// <summary>A letter to the family, rendered alike as a printable page and a Word document.</summary>
/// <param name="Addressee">Who the letter is addressed to ("…, care of their advocate" when the family asked for contact through one).</param>
/// <param name="EasyRead">The family asked for easy read: the letter opens with a few short, plain sentences.</param>
public sealed record ResponseLetter(
    string OrganisationName,
    string ServiceName,
    string Reference,
    DateOnly Date,
    string Salutation,
    string Title,
    bool LargePrint,
    IReadOnlyList<LetterSection> Sections,
    string SignOff,
    bool EasyRead,
    string Addressee);

public sealed record LetterSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Bullets);

internal sealed class GetResponseLetterHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetResponseLetterQuery, ResponseLetter>
{
    public async Task<ResponseLetter> Handle(GetResponseLetterQuery query, CancellationToken cancellationToken)
    {
        var (request, organisation) = await LetterSources.LoadAsync(dbs, actor, query.RequestId, cancellationToken);
        return LetterTemplates.Response(request, organisation, clock.UkToday());
    }
}

/// <summary>What a letter is written from: the case (within the caseworker's organisation) and its organisation's notice.</summary>
internal static class LetterSources
{
    public static async Task<(RightsRequest Request, Organisation Organisation)> LoadAsync(
        IDbContextFactory<PortalDb> dbs, ICurrentActor actor, Guid requestId, CancellationToken ct)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == requestId && x.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("request");
        var organisation = await db.Organisations.AsNoTracking().Include(x => x.DataCategories).Include(x => x.RetentionRules).AsSplitQuery()
            .SingleAsync(x => x.Id == organisationId, ct);
        return (request, organisation);
    }
}
