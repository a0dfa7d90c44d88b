using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class SubmitAccessRequestTests
{
    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateOnly Date(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_valid_request_is_stored_once_with_its_reference_received_date_due_date_status_channel_and_right()
    {
        // Received Mon 2 Mar 2026; one calendar month is Thu 2 Apr 2026, a working day (Good Friday is the 3rd).
        await using var app = await PortalApp.StartAsync(Utc("2026-03-02T10:00:00Z"));
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));

        Assert.Equal("STK-2026-000001", receipt.Reference);
        Assert.Equal(new DateOnly(2026, 3, 2), receipt.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 2), receipt.DueOn);

        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(receipt.RequestId, stored.Id);
        Assert.Equal(app.OrganisationId("STK"), stored.OrganisationId);
        Assert.Equal("STK-2026-000001", stored.Reference);
        Assert.Equal(new DateOnly(2026, 3, 2), stored.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 2), stored.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 2), stored.DueOn);
        Assert.Equal(RequestStatus.Received, stored.Status);
        Assert.Equal(Channel.WebForm, stored.Channel);
        Assert.Equal(Right.Access, stored.Right);
        Assert.Equal("Ada Testchild", stored.SubjectName);
        Assert.Equal(["contact-details", "attainment"], stored.DataCategories);
    }

    [Theory]
    // Fri 6 Mar 2026 -> Mon 6 Apr 2026 is Easter Monday -> Tue 7 Apr 2026.
    [InlineData("2026-03-06T09:00:00Z", "2026-03-06", "2026-04-07")]
    // Sat 31 Jan 2026 (a weekend receipt still counts from that day) -> no 31 Feb, so Sat 28 Feb -> Mon 2 Mar 2026.
    [InlineData("2026-01-31T12:00:00Z", "2026-01-31", "2026-03-02")]
    // Thu 30 Jul 2026 -> Sun 30 Aug; Mon 31 Aug is the summer bank holiday -> Tue 1 Sep 2026.
    [InlineData("2026-07-30T09:00:00Z", "2026-07-30", "2026-09-01")]
    // Sat 28 Nov 2026 -> Mon 28 Dec 2026, the substitute Boxing Day (26 Dec is a Saturday) -> Tue 29 Dec 2026.
    [InlineData("2026-11-28T09:00:00Z", "2026-11-28", "2026-12-29")]
    // The ICO's own example: Mon 25 Nov 2024 -> Wed 25 Dec and Thu 26 Dec are bank holidays -> Fri 27 Dec 2024.
    [InlineData("2024-11-25T09:00:00Z", "2024-11-25", "2024-12-27")]
    public async Task A_due_date_on_a_weekend_or_bank_holiday_moves_to_the_next_working_day(string now, string received, string due)
    {
        await using var app = await PortalApp.StartAsync(Utc(now));
        var receipt = await app.SendAsync(app.ValidAccessRequest());

        Assert.Equal(Date(received), receipt.ReceivedOn);
        Assert.Equal(Date(due), receipt.DueOn);
        await using var db = app.Db();
        Assert.Equal(Date(due), (await db.Requests.SingleAsync()).DueOn);
    }

    [Fact]
    public async Task References_count_up_per_organisation_and_start_again_in_a_new_year()
    {
        await using var app = await PortalApp.StartAsync(Utc("2026-03-02T10:00:00Z"));
        Assert.Equal("STK-2026-000001", (await app.SendAsync(app.ValidAccessRequest("STK"))).Reference);
        Assert.Equal("STK-2026-000002", (await app.SendAsync(app.ValidAccessRequest("STK"))).Reference);
        Assert.Equal("BAR-2026-000001", (await app.SendAsync(app.ValidAccessRequest("BAR"))).Reference);
        Assert.Equal("HHJ-2026-000001", (await app.SendAsync(app.ValidAccessRequest("HHJ"))).Reference);
        Assert.Equal("STK-2026-000003", (await app.SendAsync(app.ValidAccessRequest("STK"))).Reference);

        app.Clock.SetUtcNow(Utc("2027-01-04T10:00:00Z"));
        Assert.Equal("STK-2027-000001", (await app.SendAsync(app.ValidAccessRequest("STK"))).Reference);
        Assert.Equal("BAR-2027-000001", (await app.SendAsync(app.ValidAccessRequest("BAR"))).Reference);
        Assert.Equal("STK-2027-000002", (await app.SendAsync(app.ValidAccessRequest("STK"))).Reference);

        await using var db = app.Db();
        Assert.Equal(8, await db.Requests.CountAsync());
    }

    [Theory]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")] // British Summer Time (UTC+1): already 1 July in the UK
    [InlineData("2026-01-31T23:30:00Z", "2026-01-31")] // Greenwich Mean Time (UTC+0): still 31 January
    [InlineData("2026-03-29T23:30:00Z", "2026-03-30")] // clocks went forward at 01:00 UTC that morning: BST
    [InlineData("2026-10-24T23:30:00Z", "2026-10-25")] // still BST until 01:00 UTC on 25 October
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")] // clocks went back that morning: GMT
    public async Task The_received_date_is_the_UK_calendar_date_not_the_UTC_one(string now, string expected)
    {
        await using var app = await PortalApp.StartAsync(Utc(now));
        var receipt = await app.SendAsync(app.ValidAccessRequest());

        Assert.Equal(Date(expected), receipt.ReceivedOn);
        await using var db = app.Db();
        Assert.Equal(Date(expected), (await db.Requests.SingleAsync()).ReceivedOn);
    }

    [Fact]
    public async Task Late_on_30_June_UTC_in_summer_counts_the_month_from_1_July()
    {
        // Received Wed 1 Jul 2026 (UK) -> Sat 1 Aug -> Mon 3 Aug 2026. Counting from 30 June would give Thu 30 Jul.
        await using var app = await PortalApp.StartAsync(Utc("2026-06-30T23:30:00Z"));
        var receipt = await app.SendAsync(app.ValidAccessRequest());
        Assert.Equal(new DateOnly(2026, 8, 3), receipt.DueOn);
    }

    [Fact]
    public async Task A_request_received_on_New_Years_Eve_in_the_UK_takes_that_years_reference()
    {
        // 31 Dec 2026 23:30 UTC is still 31 Dec in the UK (GMT).
        await using var app = await PortalApp.StartAsync(Utc("2026-12-31T23:30:00Z"));
        Assert.Equal("STK-2026-000001", (await app.SendAsync(app.ValidAccessRequest())).Reference);
    }

    [Fact]
    public async Task Posting_the_same_form_twice_returns_the_same_reference_and_stores_one_request()
    {
        await using var app = await PortalApp.StartAsync();
        var submission = Guid.NewGuid();
        var first = await app.SendAsync(app.ValidAccessRequest(submissionId: submission));
        var second = await app.SendAsync(app.ValidAccessRequest(submissionId: submission));

        Assert.Equal(first, second);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());

        // The repeat did not use up a reference number.
        Assert.Equal("STK-2026-000002", (await app.SendAsync(app.ValidAccessRequest())).Reference);
    }

    [Fact]
    public async Task Two_concurrent_posts_of_the_same_form_store_one_request()
    {
        await using var app = await PortalApp.StartAsync();
        var submission = Guid.NewGuid();
        var receipts = await Task.WhenAll(
            app.SendAsync(app.ValidAccessRequest(submissionId: submission)),
            app.SendAsync(app.ValidAccessRequest(submissionId: submission)));

        Assert.Equal(receipts[0], receipts[1]);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task Posts_of_the_same_form_racing_on_separate_connections_store_one_request_and_keep_the_audit_chain()
    {
        // Each context gets its own connection here, so the posts really do overlap (threads, transactions, locks).
        await using var app = await PortalApp.StartAsync(connectionPerOperation: true);
        var submission = Guid.NewGuid();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await app.SendAsync(app.ValidAccessRequest(submissionId: submission));
        })).ToList();
        start.SetResult();
        var receipts = await Task.WhenAll(posts);

        Assert.Single(receipts.Distinct());
        Assert.Equal("STK-2026-000001", receipts[0].Reference);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
        Assert.Null(await Data.AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
        Assert.Equal("STK-2026-000002", (await app.SendAsync(app.ValidAccessRequest())).Reference);
    }

    [Fact]
    public async Task Different_forms_racing_on_separate_connections_get_different_references()
    {
        await using var app = await PortalApp.StartAsync(connectionPerOperation: true);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await app.SendAsync(app.ValidAccessRequest());
        })).ToList();
        start.SetResult();
        var receipts = await Task.WhenAll(posts);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"STK-2026-{i:D6}"), receipts.Select(r => r.Reference).Order(StringComparer.Ordinal));
        await using var db = app.Db();
        Assert.Equal(6, await db.Requests.CountAsync());
        Assert.Equal(6, await db.AuditEvents.CountAsync());
        Assert.Null(await Data.AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_organisation_is_not_found_and_no_request_or_reference_is_stored()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(app.ValidAccessRequest() with { OrganisationCode = "ZZZ" }));

        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());

        // The refusal itself is audited (by design), with nothing to link it to.
        var audit = await db.AuditEvents.SingleAsync();
        Assert.Equal("Refused", audit.Outcome);
        Assert.Null(audit.RequestId);
        Assert.Null(audit.OrganisationId);
    }

    [Fact]
    public async Task The_organisation_code_on_the_form_is_not_case_sensitive()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK") with { OrganisationCode = "stk" });
        Assert.Equal("STK-2026-000001", receipt.Reference);
        Assert.Equal(app.OrganisationId("STK"), receipt.OrganisationId);
    }

    [Fact]
    public async Task A_signed_in_caseworker_can_also_use_the_public_form()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsCaseworker("BAR").SendAsync(app.ValidAccessRequest("BAR"));
        Assert.Equal("BAR-2026-000001", receipt.Reference);
    }
}
