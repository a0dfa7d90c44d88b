using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class OrganisationScopeTests
{
    [Fact]
    public async Task A_caseworker_sees_only_their_own_organisations_requests_in_the_queue_and_its_total()
    {
        await using var app = await PortalApp.StartAsync();
        var stk = await app.SendAsync(app.ValidAccessRequest("STK"));
        await app.SendAsync(app.ValidAccessRequest("BAR"));
        await app.SendAsync(app.ValidAccessRequest("BAR"));
        await app.SendAsync(app.ValidAccessRequest("HHJ"));

        var page = await app.AsCaseworker("STK").SendAsync(new GetQueueQuery());
        Assert.Equal(1, page.Total);
        var row = Assert.Single(page.Rows);
        Assert.Equal(stk.RequestId, row.Id);
        Assert.Equal("STK-2026-000001", row.Reference);

        var bar = await app.AsDpo("BAR").SendAsync(new GetQueueQuery());
        Assert.Equal(2, bar.Total);
        Assert.All(bar.Rows, r => Assert.StartsWith("BAR-", r.Reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_organisations_request_is_not_found_rather_than_forbidden()
    {
        await using var app = await PortalApp.StartAsync();
        var bar = await app.SendAsync(app.ValidAccessRequest("BAR"));

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(bar.RequestId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsDpo("STK").SendAsync(new GetRequestDetailQuery(bar.RequestId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task A_caseworker_sees_their_own_request_with_category_names_in_the_organisations_order_and_the_due_explanation()
    {
        // Received Mon 2 Mar 2026 -> Thu 2 Apr 2026.
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var submitted = app.ValidAccessRequest("STK") with { DataCategories = ["health", "contact-details"] };
        var receipt = await app.SendAsync(submitted);

        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(receipt.RequestId, detail.Id);
        Assert.Equal("STK-2026-000001", detail.Reference);
        Assert.Equal(Right.Access, detail.Right);
        Assert.Equal(RequestStatus.Received, detail.Status);
        Assert.Equal(Channel.WebForm, detail.Channel);
        Assert.Equal(submitted.SubjectName, detail.SubjectName);
        Assert.Equal(submitted.RequesterEmail, detail.RequesterEmail);
        Assert.Equal(["Contact details", "Health and medical information"], detail.DataCategories);
        Assert.Equal(new DateOnly(2026, 3, 2), detail.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 2), detail.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 2), detail.DueOn);
        Assert.Equal("Received Mon 2 Mar 2026.", detail.DueExplanation[0]);
        Assert.Contains("One calendar month: Thu 2 Apr 2026.", detail.DueExplanation);
    }

    [Fact]
    public async Task The_due_explanation_says_why_a_date_moved()
    {
        // Received Fri 6 Mar 2026 -> Mon 6 Apr 2026 (Easter Monday) -> Tue 7 Apr 2026.
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero));
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));

        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(new DateOnly(2026, 4, 7), detail.DueOn);
        Assert.Equal("Received Fri 6 Mar 2026.", detail.DueExplanation[0]);
        Assert.Contains(detail.DueExplanation, l => l.Contains("Mon 6 Apr 2026 is a bank holiday", StringComparison.Ordinal) && l.Contains("Tue 7 Apr 2026", StringComparison.Ordinal));
    }
}
