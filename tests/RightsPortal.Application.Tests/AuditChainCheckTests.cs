using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

public sealed class AuditChainCheckTests
{
    [Fact]
    public async Task Checking_an_untouched_trail_reports_it_intact_with_every_row_counted_and_stores_the_result()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 3);

        var result = await app.AsDpo("STK").SendAsync(new CheckAuditTrailCommand());

        Assert.True(result.Intact);
        Assert.Equal(3, result.RowsChecked);
        Assert.Equal(AuditChainChecker.OnDemand, result.Trigger);
        Assert.Equal(PortalApp.DefaultNow, result.CheckedAt);
        await using var db = app.Db();
        var stored = await db.AuditChainChecks.AsNoTracking().SingleAsync();
        Assert.Equal((AuditChainChecker.OnDemand, "dpo-STK", 3L, (long?)null), (stored.Trigger, stored.CheckedBy, stored.RowsChecked, stored.FirstBrokenId));

        // The check is a command like any other: it leaves its own audit row, after the rows it checked.
        var audit = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).LastAsync();
        Assert.Equal(nameof(CheckAuditTrailCommand), audit.Action);
        Assert.Equal(app.OrganisationId("STK"), audit.OrganisationId);
        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task A_trail_written_by_a_real_clock_with_sub_millisecond_times_is_intact_when_read_back()
    {
        // A real clock has 100 ns ticks; the database keeps tenths of a millisecond. The hash must be of what is kept,
        // or every check on a live portal reports tampering at the first row.
        await using var app = await PortalApp.StartAsync(PortalApp.DefaultNow.AddTicks(9_547_477), connectionPerOperation: true);
        await SubmitAsync(app, 2);
        app.Clock.Advance(TimeSpan.FromTicks(1_234_567));
        await SubmitAsync(app, 1);

        var result = await app.AsDpo("STK").SendAsync(new CheckAuditTrailCommand());

        Assert.True(result.Intact, $"broken at row {result.FirstBrokenId}");
        Assert.Equal(3, result.RowsChecked);
        await using var db = app.Db();
        var first = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        Assert.Equal(PortalApp.DefaultNow.AddTicks(9_547_000), first.At);
    }

    [Fact]
    public async Task A_row_whose_action_was_edited_behind_the_portals_back_is_reported_by_its_id()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 4);
        long second;
        await using (var db = app.Db())
        {
            second = await db.AuditEvents.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();

            // Tampering needs the append-only trigger dropped first: exactly what the chain is there to reveal.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Action = 'SomethingHarmlessCommand' WHERE Id = {0}", second);
        }

        var result = await app.AsDpo("HHJ").SendAsync(new CheckAuditTrailCommand());

        Assert.False(result.Intact);
        Assert.Equal(second, result.FirstBrokenId);
        Assert.Equal(2, result.RowsChecked); // stopped at the broken row
        var latest = await app.SendAsync(new GetLatestAuditCheckQuery());
        Assert.Equal(second, latest!.FirstBrokenId);
        Assert.Contains(app.Logs.Messages, m => m.Contains($"breaks at audit row {second}", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("Testparent", StringComparison.Ordinal) || m.Contains("Testchild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_whose_link_to_the_row_before_was_rewritten_is_reported()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 3);
        await using var db = app.Db();
        var third = await db.AuditEvents.OrderBy(e => e.Id).Skip(2).FirstAsync();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET PreviousHash = {0} WHERE Id = {1}", AuditLog.Genesis, third.Id);

        var check = await app.Services.GetRequiredService<AuditChainChecker>().CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);

        Assert.Equal(third.Id, check.FirstBrokenId);
    }

    [Fact]
    public async Task Rows_deleted_from_the_end_of_the_trail_since_the_last_check_are_reported()
    {
        // What is left is still a valid chain: only the last check's final row, now missing, gives the deletion away.
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 4);
        var checker = app.Services.GetRequiredService<AuditChainChecker>();
        var first = await checker.CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);
        await using var db = app.Db();
        var ids = await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        Assert.True(first.Intact);
        Assert.Equal(ids[^1], first.LastRowId);

        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoDelete");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents WHERE Id >= {0}", ids[2]);
        var second = await checker.CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);

        Assert.False(second.Intact);
        Assert.Equal(ids[^1], second.FirstBrokenId);
        Assert.Equal(2, second.RowsChecked);
        Assert.Contains(app.Logs.Messages, m => m.Contains($"audit row {ids[^1]}", StringComparison.Ordinal) && m.Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trail_that_grew_since_the_last_check_is_intact()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 2);
        var checker = app.Services.GetRequiredService<AuditChainChecker>();
        var first = await checker.CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);
        await SubmitAsync(app, 2);

        var second = await checker.CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);

        Assert.True(second.Intact);
        Assert.Equal(4, second.RowsChecked);
        Assert.NotEqual(first.LastRowId, second.LastRowId);
    }

    [Fact]
    public async Task An_empty_trail_is_intact_with_no_rows()
    {
        await using var app = await PortalApp.StartAsync();

        var check = await app.Services.GetRequiredService<AuditChainChecker>().CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);

        Assert.True(check.Intact);
        Assert.Equal(0, check.RowsChecked);
    }

    [Fact]
    public async Task The_latest_result_is_shown_with_who_asked_and_is_null_before_any_check()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 1);
        Assert.Null(await app.AsDpo("STK").SendAsync(new GetLatestAuditCheckQuery()));
        await using (var db = app.Db())
        {
            db.Users.Add(new StaffUser { Id = "dpo-STK", UserName = "dpo@example.test", DisplayName = "Dana Officer", OrganisationId = app.OrganisationId("STK") });
            await db.SaveChangesAsync();
        }

        await app.Services.GetRequiredService<AuditChainChecker>().CheckAsync(AuditChainChecker.Daily, AuditChainChecker.System, CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SendAsync(new CheckAuditTrailCommand());

        var latest = await app.AsDpo("HHJ").SendAsync(new GetLatestAuditCheckQuery());
        Assert.Equal(AuditChainChecker.OnDemand, latest!.Trigger);
        Assert.Equal("Dana Officer", latest.CheckedBy);
        Assert.Equal(PortalApp.DefaultNow.AddMinutes(5), latest.CheckedAt);
    }

    [Fact]
    public async Task Only_a_DPO_or_an_administrator_may_check_the_trail()
    {
        await using var app = await PortalApp.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new CheckAuditTrailCommand()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetLatestAuditCheckQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new CheckAuditTrailCommand()));
        var asAdministrator = await app.AsAdministrator().SendAsync(new CheckAuditTrailCommand());
        Assert.True(asAdministrator.Intact);
        await using var db = app.Db();
        Assert.Equal(1, await db.AuditChainChecks.CountAsync());
    }

    [Fact]
    public async Task The_daily_job_checks_once_a_day_and_not_again_when_the_portal_restarts_within_the_day()
    {
        await using var app = await PortalApp.StartAsync();
        await SubmitAsync(app, 2);
        var start = app.Clock.GetUtcNow();

        // A pass every hour for three days, as if the portal restarted each hour (each pass is a fresh start).
        var made = new List<AuditChainCheck>();
        for (var hour = 0; hour < 72; hour++)
        {
            var pass = await new AuditChainChecker(app.Services.GetRequiredService<IDbContextFactory<PortalDb>>(), app.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChainChecker>.Instance)
                .RunDailyIfDueAsync(CancellationToken.None);
            if (pass.Made is { } check) made.Add(check);
            Assert.Equal(start + TimeSpan.FromHours(24 * ((hour / 24) + 1)), pass.NextDue);
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([start, start.AddHours(24), start.AddHours(48)], made.Select(c => c.CheckedAt));
        Assert.All(made, c => Assert.Equal((AuditChainChecker.Daily, AuditChainChecker.System, 2L), (c.Trigger, c.CheckedBy, c.RowsChecked)));
        await using var db = app.Db();
        Assert.Equal(3, await db.AuditChainChecks.CountAsync());
    }

    [Fact]
    public async Task A_check_on_demand_counts_as_the_days_check()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("STK").SendAsync(new CheckAuditTrailCommand());
        var checker = app.Services.GetRequiredService<AuditChainChecker>();

        app.Clock.Advance(TimeSpan.FromHours(23));
        var early = await checker.RunDailyIfDueAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var due = await checker.RunDailyIfDueAsync(CancellationToken.None);

        Assert.Null(early.Made);
        Assert.Equal(PortalApp.DefaultNow.AddHours(24), early.NextDue);
        Assert.Equal(AuditChainChecker.Daily, due.Made!.Trigger);
    }

    private static async Task SubmitAsync(PortalApp app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await app.AsPublic().SendAsync(app.ValidAccessRequest());
        }
    }
}
