using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// The response letter for a request, built from its outcome and the organisation's notice: for an access request
/// everything Article 15 requires (purposes, categories, recipients, retention, source, the other rights, how to
/// complain). The same letter is shown to print and downloaded as a Word document.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetResponseLetterQuery(Guid RequestId) : IQuery<ResponseLetter>;

public sealed record ResponseLetter(
    string OrganisationName,
    string ServiceName,
    string Reference,
    DateOnly Date,
    string Salutation,
    string Title,
    bool LargePrint,
    IReadOnlyList<LetterSection> Sections,
    string SignOff);

public sealed record LetterSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Bullets);

internal sealed class GetResponseLetterHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetResponseLetterQuery, ResponseLetter>
{
    public async Task<ResponseLetter> Handle(GetResponseLetterQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var r = await db.Requests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.RequestId && x.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("request");
        if (r.Outcome is not { } outcome || r.ResponseSummary is null)
        {
            throw new Domain.DomainRuleException("Draft the response first: the letter is written from its outcome and summary.");
        }

        var o = await db.Organisations.AsNoTracking().Include(x => x.DataCategories).AsSplitQuery().SingleAsync(x => x.Id == organisationId, cancellationToken);
        var categories = o.DataCategories.Where(c => r.DataCategories.Contains(c.Code)).OrderBy(c => c.Order).Select(c => $"{c.Name}: {c.Description}").ToList();
        var sections = new List<LetterSection>
        {
            new("Your request", [$"You asked on {UkDates.Long(r.ReceivedOn)} to {r.Right.Describe().ToLowerInvariant()} about {r.SubjectName}. This letter is our response."], []),
            new("Our decision", [RightsRequest.OutcomeName(outcome) + ".", r.ResponseSummary], []),
        };

        if (r.RefusalReasons is not null)
        {
            sections.Add(new("Why we have not done everything you asked", r.RefusalReasons.Split("\n\n", StringSplitOptions.RemoveEmptyEntries), []));
        }

        if (r.Right == Right.Access)
        {
            sections.Add(new("The records you asked about", ["You asked about these kinds of record:"], categories));
            sections.Add(new("Why we hold this information", [], o.Purposes));
            sections.Add(new("Our lawful basis", [], o.LawfulBases));
            sections.Add(new("Who we share it with", [], o.SharingPartners));
            sections.Add(new("Where it comes from", ["From the child or young person, parents and carers, schools and settings, other council teams and other professionals involved in their care and education, as our privacy notice explains."], []));
            sections.Add(new("How long we keep it", ["We keep these records for as long as our records retention schedule sets for each kind of record, then destroy them securely. Ask us if you would like the periods that apply."], []));
            sections.Add(new("Your other rights", ["You can ask us to correct information that is wrong, to delete it or limit how we use it in some circumstances, and object to how we use it."], []));
        }

        sections.Add(new("If you are unhappy", [$"Please tell us first: {o.InformationGovernanceContact}.", o.ComplaintRoute], []));
        return new ResponseLetter(o.Name, o.ServiceName, r.Reference, clock.UkToday(), $"Dear {r.RequesterName}",
            $"Your request {r.Reference}", r.PreferredFormat == PreferredFormat.LargePrint, sections,
            $"Information governance, {o.Name}");
    }
}
