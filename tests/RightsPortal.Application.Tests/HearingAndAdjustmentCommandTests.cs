using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class HearingAndAdjustmentCommandTests
{
    [Fact]
    public async Task A_caseworker_records_a_hearing_and_adjustments_and_the_case_page_shows_them()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;

        var s1 = await app.SendAsync(new RecordAdjustmentsCommand(receipt.RequestId, v0, PreferredFormat.EasyRead, ContactRoute.Post, null));
        await app.SendAsync(new RecordHearingCommand(receipt.RequestId, s1.Version, HearingKind.SendTribunal, new DateOnly(2026, 3, 16)));

        var detail = await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(PreferredFormat.EasyRead, detail.PreferredFormat);
        Assert.Equal(ContactRoute.Post, detail.ContactRoute);
        Assert.Equal(new DateOnly(2026, 3, 16), detail.HearingOn);
        Assert.True(detail.DueAfterHearing); // due Thu 2 Apr 2026, hearing Mon 16 Mar 2026

        await using var db = app.Db();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.RequestId == receipt.RequestId && (e.Action == "RecordAdjustmentsCommand" || e.Action == "RecordHearingCommand")));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_another_organisation_cannot_see_the_case()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        await app.SendAsync(new RecordAdjustmentsCommand(receipt.RequestId, v0, PreferredFormat.Paper, ContactRoute.Post, null));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync(new RecordHearingCommand(receipt.RequestId, v0, HearingKind.Mediation, new DateOnly(2026, 3, 20))));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.AsCaseworker("BAR").SendAsync(new RecordAdjustmentsCommand(receipt.RequestId, v0, PreferredFormat.Paper, ContactRoute.Post, null)));
    }
}
