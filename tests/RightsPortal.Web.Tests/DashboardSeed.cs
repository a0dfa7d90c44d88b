using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Tests;

/// <summary>
/// Requests for the oversight dashboard's tests, built with the real domain and the organisation's real clock (so
/// every date is the one the portal would compute), told a short story and saved.
/// </summary>
internal static class DashboardSeed
{
    public const string Known = "Details match our records";

    public static async Task<RightsRequest> AddAsync(
        IServiceProvider services,
        string code,
        Right right,
        Channel channel,
        DateOnly receivedOn,
        string reference,
        Action<RightsRequest, Func<DateOnly, CaseContext>>? story = null)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.DataCategories).SingleAsync(o => o.Code == code);
        var (settings, calculator) = await services.GetRequiredService<PortalClock>().ForOrganisationAsync(db, organisation.Id, default);
        CaseContext On(DateOnly day) => new("caseworker-" + code, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), day, calculator, settings);
        var request = RightsRequest.Receive(
            organisation.Id,
            reference,
            Guid.NewGuid(),
            right,
            channel,
            new RequestParties(RequesterRole.ParentCarer, "Pat Testparent", "pat@example.org", "Ada Dashboardchild", new DateOnly(2014, 3, 27), null),
            [organisation.DataCategories.OrderBy(c => c.Order).First().Code],
            null,
            receivedOn,
            On(receivedOn).At,
            receivedOn,
            calculator,
            settings);
        story?.Invoke(request, On);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

    /// <summary>Work started, one record listed and disclosed, the response sent (and recorded) on <paramref name="sentOn"/>.</summary>
    public static void Complied(RightsRequest r, Func<DateOnly, CaseContext> on, DateOnly sentOn)
    {
        if (r.Status == RequestStatus.Received) r.ProceedWithoutIdentity(Known, on(r.ReceivedOn));
        r.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, on(sentOn));
        r.DraftResponse(Outcome.Complied, "Everything", on(sentOn));
        r.Close(Outcome.Complied, sentOn, null, on(sentOn));
    }
}
