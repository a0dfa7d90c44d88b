using Microsoft.EntityFrameworkCore;

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
}
