using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Public;

/// <summary>What the request form needs to know about an organisation: its name and the records it holds.</summary>
[PublicRequest]
public sealed record GetRequestFormQuery(string OrganisationCode) : IQuery<RequestFormView>;

public sealed record RequestFormView(string Code, string Name, string ServiceName, IReadOnlyList<CategoryOption> Categories)
{
    /// <summary>The rights a family can ask this organisation for online, in the order the choice page lists them.</summary>
    public IReadOnlyList<Domain.Requests.Right> RightsOffered { get; init; } = [];
}

public sealed record CategoryOption(string Code, string Name, string Description);

internal sealed class GetRequestFormHandler(IDbContextFactory<PortalDb> dbs) : IRequestHandler<GetRequestFormQuery, RequestFormView>
{
    public async Task<RequestFormView> Handle(GetRequestFormQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var code = (query.OrganisationCode ?? "").ToUpperInvariant();
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Code == code)
            .Select(o => new { o.Code, o.Name, o.ServiceName, o.Kind, o.RightsPromised })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("organisation");
        var categories = await db.DataCategories.AsNoTracking()
            .Where(c => db.Organisations.Any(o => o.Code == code && o.Id == c.OrganisationId))
            .OrderBy(c => c.Order)
            .Select(c => new CategoryOption(c.Code, c.Name, c.Description))
            .ToListAsync(cancellationToken);
        return new RequestFormView(organisation.Code, organisation.Name, organisation.ServiceName, categories)
        {
            RightsOffered = RightQuestions.Offered(organisation.Kind, organisation.RightsPromised),
        };
    }
}
