using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MediatR;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Oversight;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using Xunit.Abstractions;

namespace RightsPortal.Application.Tests;

// TEMPORARY scale probe (deleted after measuring): runs only when RP_SCALE is set.
public sealed class ZzScaleProbeTemporary(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        if (Environment.GetEnvironmentVariable("RP_SCALE") is not { } countText) return;
        var count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "rp-scale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var cs = $"Data Source={Path.Combine(dir, "portal.db")}";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var actor = new TestActor();
        var services = new ServiceCollection().AddLogging().AddPortalDatabase(cs).AddApplication();
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        services.Replace(ServiceDescriptor.Singleton<ICurrentActor>(actor));
        await using var sp = services.BuildServiceProvider();
        var dbs = sp.GetRequiredService<IDbContextFactory<PortalDb>>();
        Guid stk;
        await using (var db = await dbs.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await PortalSeeder.SeedOrganisationsAsync(db);
            stk = await db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync();
            var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
            db.Roles.AddRange(roles.Values);
            foreach (var (id, role) in new[] { ("cw1", Roles.Caseworker), ("cw2", Roles.Caseworker), ("dpo", Roles.Dpo) })
            {
                db.Users.Add(new StaffUser { Id = id, UserName = id, Email = id + "@x.test", OrganisationId = stk });
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roles[role].Id });
            }

            await db.SaveChangesAsync();
        }

        var app = sp.GetRequiredService<IServiceScopeFactory>();
        await using (var scope = app.CreateAsyncScope())
        {
            actor.SignOut();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Features.Public.SubmitAccessRequestCommand("STK", Guid.NewGuid(),
                Domain.Requests.RequesterRole.ParentCarer, "P", "p@example.org", "C", new DateOnly(2014, 1, 1), null, ["health"], null));
        }

        var sw = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(cs))
        {
            await connection.OpenAsync();
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = "PRAGMA table_info(Requests)";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns.Add(reader.GetString(1));
            }

            string Value(string c) => c switch
            {
                "Id" => "printf('%08X-0000-4000-8000-%012X', i, i)",
                "SubmissionId" => "printf('%08X-0000-4000-9000-%012X', i, i)",
                "Version" => "printf('%08X-0000-4000-A000-%012X', i, i)",
                "Reference" => "printf('STK-2025-%07d', i)",
                "StartOn" => "date('2026-02-01', '+' || (i % 90) || ' days')",
                "ReceivedOn" => "date('2026-02-01', '+' || (i % 90) || ' days')",
                "DueOn" => "date('2026-03-01', '+' || (i % 90) || ' days')",
                "Status" => "'InProgress'",
                _ => "t.\"" + c + "\"",
            };
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandTimeout = 600;
            insert.CommandText = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) " +
                $"INSERT INTO Requests ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) " +
                $"SELECT {string.Join(", ", columns.Select(Value))} FROM n, (SELECT * FROM Requests LIMIT 1) t";
            await insert.ExecuteNonQueryAsync();
            await using var tasks = connection.CreateCommand();
            tasks.CommandTimeout = 600;
            tasks.CommandText = $"WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 10 FROM n WHERE i < {count}) " +
                "INSERT INTO SearchTasks (Id, RequestId, ServiceName, Instructions, AskedOn, DueOn, CompletedOn, Findings) " +
                "SELECT printf('%08X-0000-4000-B000-%012X', i, i), printf('%08X-0000-4000-8000-%012X', i, i), 'Sensory Teams', 'x', '2026-02-01', date('2026-03-01', '+' || (i % 60) || ' days'), NULL, NULL FROM n";
            await tasks.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        output.WriteLine($"inserted {count} requests in {sw.ElapsedMilliseconds} ms");
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero));
        for (var run = 1; run <= 2; run++)
        {
            sw.Restart();
            await using var scope = app.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<RunDeadlineWatch>().RunAsync(CancellationToken.None);
            output.WriteLine($"run {run}: {sw.ElapsedMilliseconds} ms: {report}");
        }

        await using (var db = await dbs.CreateDbContextAsync())
        {
            var keys = await db.StaffReminders.Where(r => r.RecipientUserId == "cw1").Select(r => r.Key).Take(5000).ToListAsync();
            var q = db.StaffReminders.Where(r => r.RecipientUserId == "cw1" && keys.Contains(r.Key)).Select(r => r.Key);
            var sql = q.ToQueryString();
            output.WriteLine(sql[..Math.Min(600, sql.Length)]);
            sw.Restart();
            var n = (await q.ToListAsync()).Count;
            output.WriteLine($"IN query for 5000 keys: {n} found in {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            var all = await db.StaffReminders.Where(r => r.RecipientUserId == "cw1").Select(r => r.Key).ToListAsync();
            output.WriteLine($"all keys of cw1: {all.Count} in {sw.ElapsedMilliseconds} ms");
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
