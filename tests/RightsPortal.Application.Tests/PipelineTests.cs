using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

public sealed class PipelineTests
{
    [Fact]
    public async Task A_successful_command_leaves_one_audit_row_with_ids_and_no_personal_data()
    {
        await using var app = await TestPortal.StartAsync();
        var receipt = await app.SendAsync(TestPortal.AccessRequest(subjectName: "Audit Childname", email: "audit.parent@example.org"));

        await using var db = app.Db();
        var row = await db.AuditEvents.SingleAsync();
        Assert.Equal("SubmitAccessRequestCommand", row.Action);
        Assert.Equal("Succeeded", row.Outcome);
        Assert.Equal("public", row.ActorId);
        Assert.Equal(receipt.RequestId, row.RequestId);
        Assert.Equal(receipt.OrganisationId, row.OrganisationId);
        var everything = string.Join("|", row.Action, row.Outcome, row.ActorId, row.Hash, row.PreviousHash);
        Assert.DoesNotContain("Audit Childname", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("audit.parent", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_post_is_audited_again_and_the_hash_chain_stays_intact()
    {
        await using var app = await TestPortal.StartAsync();
        var submission = Guid.NewGuid();
        await app.SendAsync(TestPortal.AccessRequest(submissionId: submission));
        await app.SendAsync(TestPortal.AccessRequest(submissionId: submission));
        await app.SendAsync(TestPortal.AccessRequest("BAR"));

        await using var db = app.Db();
        Assert.Equal(3, await db.AuditEvents.CountAsync());
        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task The_hash_chain_check_finds_a_row_altered_behind_the_portals_back()
    {
        await using var app = await TestPortal.StartAsync();
        for (var i = 0; i < 3; i++) await app.SendAsync(TestPortal.AccessRequest());
        await using var db = app.Db();
        var second = await db.AuditEvents.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();

        // Tampering needs the append-only trigger dropped first: exactly what the chain is there to reveal.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET ActorId = 'someone-else' WHERE Id = {0}", second);

        Assert.Equal(second, await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Theory]
    [InlineData("UPDATE AuditEvents SET Outcome = 'Refused'")]
    [InlineData("DELETE FROM AuditEvents")]
    public async Task The_database_refuses_to_change_or_delete_audit_rows(string sql)
    {
        await using var app = await TestPortal.StartAsync();
        await app.SendAsync(TestPortal.AccessRequest());
        await using var db = app.Db();
        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Queries_are_not_audited()
    {
        await using var app = await TestPortal.StartAsync();
        await (await app.AsCaseworkerAsync("STK")).SendAsync(new GetQueueQuery());
        await using var db = app.Db();
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Logs_name_the_request_but_never_the_family()
    {
        await using var app = await TestPortal.StartAsync();
        await app.SendAsync(TestPortal.AccessRequest(subjectName: "Loggable Childname", email: "loggable.parent@example.org"));

        Assert.Contains(app.Logs.Messages, m => m.Contains("SubmitAccessRequestCommand", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("Loggable", StringComparison.Ordinal) || m.Contains("loggable.parent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_queue_is_refused_to_anyone_not_signed_in()
    {
        await using var app = await TestPortal.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task The_queue_is_refused_to_an_administrator_who_is_not_a_caseworker()
    {
        await using var app = await TestPortal.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task A_caseworker_without_an_organisation_is_refused()
    {
        await using var app = await TestPortal.StartAsync();
        app.Actor.SignIn("orphan", null, Roles.Caseworker);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task A_request_type_that_does_not_say_who_may_use_it_is_refused_even_to_an_administrator()
    {
        await using var app = await TestPortal.StartAsync(configure: s => s.AddTransient<IRequestHandler<UndeclaredQuery, int>, UndeclaredHandler>());
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new UndeclaredQuery()));
        Assert.Contains("nobody may", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_sees_only_their_own_organisations_requests()
    {
        await using var app = await TestPortal.StartAsync();
        var stk = await app.SendAsync(TestPortal.AccessRequest("STK"));
        var bar = await app.SendAsync(TestPortal.AccessRequest("BAR"));
        await app.SendAsync(TestPortal.AccessRequest("BAR"));

        await app.AsCaseworkerAsync("STK");
        var page = await app.SendAsync(new GetQueueQuery());
        Assert.Equal(1, page.Total);
        Assert.Equal(stk.Reference, Assert.Single(page.Rows).Reference);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRequestDetailQuery(bar.RequestId)));

        var detail = await app.SendAsync(new GetRequestDetailQuery(stk.RequestId));
        Assert.Equal(["Contact details", "Health and medical information"], detail.DataCategories);
        Assert.StartsWith("Received Mon 2 Mar 2026", detail.DueExplanation[0], StringComparison.Ordinal);

        await app.AsDpoAsync("BAR");
        Assert.Equal(2, (await app.SendAsync(new GetQueueQuery())).Total);
    }

    [Fact]
    public async Task The_queue_filters_sorts_and_pages_in_the_database()
    {
        await using var app = await TestPortal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            references.Add((await app.SendAsync(TestPortal.AccessRequest())).Reference);
            app.Clock.Advance(TimeSpan.FromDays(7)); // received 2, 9, 16, 23, 30 March
        }

        await app.AsCaseworkerAsync("STK");
        var byDue = await app.SendAsync(new GetQueueQuery(PageSize: 2, Page: 1));
        Assert.Equal(5, byDue.Total);
        Assert.Equal(references[2..4], byDue.Rows.Select(r => r.Reference));

        var newestFirst = await app.SendAsync(new GetQueueQuery(SortBy: QueueSort.ReceivedOn, Descending: true));
        Assert.Equal(references.AsEnumerable().Reverse(), newestFirst.Rows.Select(r => r.Reference));

        // Due 9 April (received 9 March) to 23 April (received 23 March), inclusive.
        var window = await app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 4, 9), DueTo: new DateOnly(2026, 4, 23)));
        Assert.Equal(references[1..4], window.Rows.Select(r => r.Reference));

        Assert.Equal(0, (await app.SendAsync(new GetQueueQuery(Status: Domain.Requests.RequestStatus.Closed))).Total);
        Assert.Equal(5, (await app.SendAsync(new GetQueueQuery(Status: Domain.Requests.RequestStatus.Received))).Total);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 101)]
    [InlineData(-1, 25)]
    public async Task Impossible_paging_is_refused(int page, int pageSize)
    {
        await using var app = await TestPortal.StartAsync();
        await (await app.AsCaseworkerAsync("STK")).SendAsync(new GetQueueQuery());
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsync(new GetQueueQuery(Page: page, PageSize: pageSize)));
    }

    [Fact]
    public async Task A_due_window_that_ends_before_it_starts_is_refused()
    {
        await using var app = await TestPortal.StartAsync();
        await app.AsCaseworkerAsync("STK");
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.SendAsync(new GetQueueQuery(DueFrom: new DateOnly(2026, 5, 1), DueTo: new DateOnly(2026, 4, 1))));
    }
}

public sealed record UndeclaredQuery : IQuery<int>;

public sealed class UndeclaredHandler : IRequestHandler<UndeclaredQuery, int>
{
    public Task<int> Handle(UndeclaredQuery request, CancellationToken cancellationToken) => Task.FromResult(42);
}
