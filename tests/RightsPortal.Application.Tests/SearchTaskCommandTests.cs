using FluentValidation;
using RightsPortal.Application.Features.Casework;

namespace RightsPortal.Application.Tests;

public sealed class SearchTaskCommandTests
{
    [Fact]
    public async Task A_caseworker_asks_one_of_their_own_services_and_records_what_it_found()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        var detail = await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Contains("Educational Psychology Service", detail.Services);
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Known family"));

        var s2 = await app.SendAsync(new AskServiceToSearchCommand(receipt.RequestId, s1.Version, "Educational Psychology Service", "EP reports", new DateOnly(2026, 3, 20)));
        var task = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Searches.Single();
        await app.SendAsync(new RecordSearchFindingsCommand(receipt.RequestId, s2.Version, task.Id, "Two reports"));

        var after = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Searches.Single();
        Assert.Equal("Two reports", after.Findings);
    }

    [Fact]
    public async Task A_service_of_another_organisation_is_refused()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, v0, "Known family"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new AskServiceToSearchCommand(receipt.RequestId, s1.Version, "SENDCo", "Everything", new DateOnly(2026, 3, 20))));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(AskServiceToSearchCommand.ServiceName));
    }
}
