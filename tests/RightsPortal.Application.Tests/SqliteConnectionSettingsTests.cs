using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;
using RightsPortal.Application.Oversight;

namespace RightsPortal.Application.Tests;

public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task Every_connection_the_portal_opens_zeroes_deleted_content_and_keeps_a_16_MB_page_cache()
    {
        // SQLite's default is 2 MB (-2000); the dashboard's figures rely on the larger cache (ADR 0009).
        await using var app = await PortalApp.StartAsync(connectionPerOperation: true);
        for (var i = 0; i < 2; i++)
        {
            await using var db = app.Db();
            await db.Database.OpenConnectionAsync();
            var cacheSize = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").SingleAsync();
            Assert.Equal(-16384, cacheSize);
            var secureDelete = await db.Database.SqlQueryRaw<long>("SELECT secure_delete AS \"Value\" FROM pragma_secure_delete").SingleAsync();
            Assert.Equal(1, secureDelete);
        }
    }

    [Fact]
    public async Task Content_the_portal_deletes_is_gone_from_the_database_file_once_the_log_is_checkpointed()
    {
        // A file database in WAL mode as the portal runs it. Without secure_delete SQLite only marks a deleted row's
        // space free, and its bytes stay readable in the file.
        var folder = Directory.CreateTempSubdirectory("rp-secure-delete-");
        var file = Path.Combine(folder.FullName, "portal.db");
        const string Marker = "Zebediah Quokkafeather 2013-02-28";
        try
        {
            var services = new ServiceCollection().AddLogging().AddPortalDatabase($"Data Source={file}").BuildServiceProvider();
            var dbs = services.GetRequiredService<IDbContextFactory<PortalDb>>();
            await using (var db = await dbs.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                db.AuditChainChecks.Add(new AuditChainCheck { CheckedAt = DateTimeOffset.UnixEpoch, Trigger = "test", CheckedBy = Marker });
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }

            Assert.Contains(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file))); // the check can see it

            await using (var db = await dbs.CreateDbContextAsync())
            {
                db.AuditChainChecks.Remove(await db.AuditChainChecks.SingleAsync());
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }

            SqliteConnection.ClearAllPools();
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(File.Exists(file + "-wal") ? await File.ReadAllBytesAsync(file + "-wal") : []));
            await services.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
