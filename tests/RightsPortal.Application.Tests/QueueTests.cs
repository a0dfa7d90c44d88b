using FluentValidation;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Five STK requests received a week apart: Mon 2, 9, 16, 23 and 30 Mar 2026, so due Thu 2, 9, 16, 23 and 30 Apr 2026
/// (all working days), references STK-2026-000001 to 000005 in the same order.
/// </summary>
public sealed class QueueTests
{
    private static readonly string[] References = [.. Enumerable.Range(1, 5).Select(i => $"STK-2026-{i:D6}")];

    private static async Task<PortalApp> FiveRequestsAWeekApartAsync()
    {
        var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 5; i++)
        {
            await app.SendAsync(app.ValidAccessRequest("STK"));
            await app.SendAsync(app.ValidAccessRequest("BAR")); // never seen by STK
            app.Clock.Advance(TimeSpan.FromDays(7));
        }

        return app.AsCaseworker("STK");
    }

    [Fact]
    public async Task The_queue_lists_the_soonest_due_first_by_default()
    {
        await using var app = await FiveRequestsAWeekApartAsync();
        var page = await app.SendAsync(new GetQueueQuery());

        Assert.Equal(5, page.Total);
        Assert.Equal(References, page.Rows.Select(r => r.Reference));
        Assert.Equal(
            [new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 9), new DateOnly(2026, 4, 16), new DateOnly(2026, 4, 23), new DateOnly(2026, 4, 30)],
            page.Rows.Select(r => r.DueOn));
        Assert.Equal(new DateOnly(2026, 3, 30), page.Rows[^1].ReceivedOn);
    }

    [Fact]
    public async Task The_queue_sorts_by_due_date_latest_first()
    {
        await using var app = await FiveRequestsAWeekApartAsync();
        var page = await app.SendAsync(new GetQueueQuery(SortBy: QueueSort.DueOn, Descending: true));
        Assert.Equal(References.Reverse(), page.Rows.Select(r => r.Reference));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_queue_sorts_by_reference(bool descending)
    {
        await using var app = await FiveRequestsAWeekApartAsync();
        var page = await app.SendAsync(new GetQueueQuery(SortBy: QueueSort.Reference, Descending: descending));
        Assert.Equal(descending ? References.Reverse() : References, page.Rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task Requests_due_on_the_same_day_are_ordered_by_reference()
    {
        // Sat 31 Jan 2026 -> Sat 28 Feb -> Mon 2 Mar; Sun 1 Feb -> Sun 1 Mar -> Mon 2 Mar; Mon 2 Feb -> Mon 2 Mar.
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
        {
            await app.SendAsync(app.ValidAccessRequest("STK"));
            app.Clock.Advance(TimeSpan.FromDays(1));
        }

        app.AsCaseworker("STK");
        var ascending = await app.SendAsync(new GetQueueQuery());
        Assert.All(ascending.Rows, r => Assert.Equal(new DateOnly(2026, 3, 2), r.DueOn));
        Assert.Equal(["STK-2026-000001", "STK-2026-000002", "STK-2026-000003"], ascending.Rows.Select(r => r.Reference));

        var descending = await app.SendAsync(new GetQueueQuery(Descending: true));
        Assert.Equal(["STK-2026-000003", "STK-2026-000002", "STK-2026-000001"], descending.Rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task The_queue_filters_by_a_due_window_including_both_ends()
    {
        await using var app = await FiveRequestsAWeekApartAsync();
        var window = await app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 4, 9), DueTo: new DateOnly(2026, 4, 23)));
        Assert.Equal(3, window.Total);
        Assert.Equal(References[1..4], window.Rows.Select(r => r.Reference));

        var fromOnly = await app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 4, 17)));
        Assert.Equal(References[3..], fromOnly.Rows.Select(r => r.Reference));

        var toOnly = await app.SendAsync(new GetQueueQuery(DueTo: new DateOnly(2026, 4, 8)));
        Assert.Equal(References[..1], toOnly.Rows.Select(r => r.Reference));

        var oneDay = await app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 4, 16), DueTo: new DateOnly(2026, 4, 16)));
        Assert.Equal(References[2], Assert.Single(oneDay.Rows).Reference);
    }

    [Fact]
    public async Task The_queue_filters_by_status()
    {
        await using var app = await FiveRequestsAWeekApartAsync();

        var received = await app.SendAsync(new GetQueueQuery(Status: RequestStatus.Received));
        Assert.Equal(5, received.Total);
        Assert.All(received.Rows, r => Assert.Equal(RequestStatus.Received, r.Status));

        var closed = await app.SendAsync(new GetQueueQuery(Status: RequestStatus.Closed));
        Assert.Equal(0, closed.Total);
        Assert.Empty(closed.Rows);
    }

    [Fact]
    public async Task The_queue_pages_with_the_total_of_all_matching_rows()
    {
        await using var app = await FiveRequestsAWeekApartAsync();

        var second = await app.SendAsync(new GetQueueQuery(Page: 1, PageSize: 2));
        Assert.Equal(5, second.Total);
        Assert.Equal(References[2..4], second.Rows.Select(r => r.Reference));

        var last = await app.SendAsync(new GetQueueQuery(Page: 2, PageSize: 2));
        Assert.Equal(References[4], Assert.Single(last.Rows).Reference);

        var beyond = await app.SendAsync(new GetQueueQuery(Page: 3, PageSize: 2));
        Assert.Equal(5, beyond.Total);
        Assert.Empty(beyond.Rows);

        var filteredAndPaged = await app.SendAsync(new GetQueueQuery(Page: 1, PageSize: 2, DueFrom: new DateOnly(2026, 4, 9), Descending: true));
        Assert.Equal(4, filteredAndPaged.Total);
        Assert.Equal([References[2], References[1]], filteredAndPaged.Rows.Select(r => r.Reference));
    }

    [Theory]
    [InlineData(0, 0, "PageSize")]
    [InlineData(0, 101, "PageSize")]
    [InlineData(-1, 25, "Page")]
    public async Task Impossible_paging_is_refused(int page, int pageSize, string field)
    {
        await using var app = await PortalApp.StartAsync();
        app.AsCaseworker("STK");
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new GetQueueQuery(Page: page, PageSize: pageSize)));
        Assert.Equal(field, Assert.Single(refused.Errors).PropertyName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task Page_sizes_from_1_to_100_are_allowed(int pageSize)
    {
        await using var app = await FiveRequestsAWeekApartAsync();
        var page = await app.SendAsync(new GetQueueQuery(PageSize: pageSize));
        Assert.Equal(Math.Min(pageSize, 5), page.Rows.Count);
    }

    [Fact]
    public async Task A_due_window_that_ends_before_it_starts_is_refused()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsCaseworker("STK");
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 5, 1), DueTo: new DateOnly(2026, 4, 30))));
        var failure = Assert.Single(refused.Errors);
        Assert.Equal("DueTo", failure.PropertyName);
        Assert.Contains("on or after", failure.ErrorMessage, StringComparison.Ordinal);
    }
}
