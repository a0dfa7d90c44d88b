using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Public;

namespace RightsPortal.Application.Tests;

public sealed class AuditTrailTests
{
    private const string ChildName = "Zebedee Quillfeather";
    private const string ParentName = "Marigold Quillfeather";
    private const string ParentEmail = "marigold.q@example.org";

    [Fact]
    public async Task A_successful_submission_writes_exactly_one_audit_row_naming_the_command_the_public_actor_and_the_request()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

        await using var db = app.Db();
        var row = await db.AuditEvents.SingleAsync();
        Assert.Equal("SubmitAccessRequestCommand", row.Action);
        Assert.Equal("Succeeded", row.Outcome);
        Assert.Equal("public", row.ActorId);
        Assert.Equal(receipt.RequestId, row.RequestId);
        Assert.Equal(app.OrganisationId("STK"), row.OrganisationId);
        Assert.Equal(PortalApp.DefaultNow, row.At);
        Assert.Equal(AuditLog.Genesis, row.PreviousHash);
        Assert.Equal(row.ComputeHash(), row.Hash);
    }

    [Fact]
    public async Task No_column_of_the_audit_row_holds_the_familys_names_or_email()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest() with { SubjectName = ChildName, RequesterName = ParentName, RequesterEmail = ParentEmail });

        await using var db = app.Db();
        var columns = await ReadAllColumnsAsync(db, "AuditEvents");
        Assert.NotEmpty(columns);
        foreach (var value in columns)
        {
            Assert.DoesNotContain("Quillfeather", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Zebedee", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Marigold", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ParentEmail, value, StringComparison.OrdinalIgnoreCase);
        }

        // The check can see personal data where it is meant to be: the request row.
        Assert.Contains(await ReadAllColumnsAsync(db, "Requests"), v => v.Contains(ChildName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hash_chain_is_intact_after_several_commands_including_a_repeat_and_a_refusal()
    {
        await using var app = await PortalApp.StartAsync();
        var submission = Guid.NewGuid();
        await app.SendAsync(app.ValidAccessRequest("STK", submission));
        await app.SendAsync(app.ValidAccessRequest("STK", submission));
        await app.SendAsync(app.ValidAccessRequest("BAR"));
        await Assert.ThrowsAsync<Security.NotFoundException>(() => app.SendAsync(app.ValidAccessRequest() with { OrganisationCode = "ZZZ" }));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SendAsync(app.ValidAccessRequest("HHJ"));

        await using var db = app.Db();
        var rows = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded", "Refused", "Succeeded"], rows.Select(r => r.Outcome));
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
        }

        Assert.Null(await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task The_chain_check_finds_a_row_altered_behind_the_portals_back()
    {
        await using var app = await PortalApp.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.SendAsync(app.ValidAccessRequest());
        }

        await using var db = app.Db();
        var second = await db.AuditEvents.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();

        // Tampering needs the append-only trigger dropped first: exactly what the chain is there to reveal.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET ActorId = 'someone-else' WHERE Id = {0}", second);

        Assert.Equal(second, await AuditLog.FindFirstBrokenLinkAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task Queries_write_no_audit_rows()
    {
        await using var app = await PortalApp.StartAsync();
        var submission = Guid.NewGuid();
        var receipt = await app.SendAsync(app.ValidAccessRequest(submissionId: submission));
        await using (var before = app.Db())
        {
            Assert.Equal(1, await before.AuditEvents.CountAsync());
        }

        await app.SendAsync(new ListOrganisationsQuery());
        await app.SendAsync(new GetRequestFormQuery("STK"));
        await app.SendAsync(new GetSubmissionConfirmationQuery(submission));
        app.AsCaseworker("STK");
        await app.SendAsync(new GetQueueQuery());
        await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId));

        await using var db = app.Db();
        Assert.Equal(1, await db.AuditEvents.CountAsync());
    }

    [Theory]
    [InlineData("UPDATE AuditEvents SET Outcome = 'Refused'")]
    [InlineData("DELETE FROM AuditEvents")]
    public async Task The_database_refuses_to_change_or_delete_audit_rows(string sql)
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());

        await using var db = app.Db();
        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

        var row = await db.AuditEvents.AsNoTracking().SingleAsync();
        Assert.Equal("Succeeded", row.Outcome);
    }

    /// <summary>Every value of every column of every row, as text, read with SQL so no mapped property is missed.</summary>
    private static async Task<List<string>> ReadAllColumnsAsync(PortalDb db, string table)
    {
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }

        return values;
    }
}
