using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RightsPortal.Application.Data;

/// <summary>
/// Settings SQLite keeps per connection, applied each time the portal opens one (pooled connections included).
/// </summary>
/// <remarks>
/// <c>secure_delete</c>: SQLite overwrites deleted content with zeros, so personal data the portal deletes (a destroyed
/// case, an expired sign-in code) does not linger in free pages of the database file.
/// <c>cache_size</c>: up to 16 MB of database pages kept in the connection's own cache (SQLite's default is 2 MB).
/// The DPO's figures read a year of an organisation's index entries (a few MB) on every load of the dashboard; with
/// them cached a repeat reads no file pages at all (ADR 0009). The cache is emptied whenever another connection writes.
/// </remarks>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA secure_delete = ON; PRAGMA cache_size = -16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
