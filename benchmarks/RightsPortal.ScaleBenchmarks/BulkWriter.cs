using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace RightsPortal.ScaleBenchmarks;

/// <summary>
/// Writes what a context has been told to add (whole aggregates with their owned rows) with plain prepared INSERTs,
/// using EF Core's own model for table names, column names and value conversions, so the rows are exactly what
/// SaveChanges would write, at a fraction of its cost. Only for seeding benchmark data into an empty database.
/// </summary>
internal static class BulkWriter
{
    public static async Task<int> WriteAddedAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var commands = new Dictionary<string, (DbCommand Command, IProperty[] Properties)>();
        var rows = 0;
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added))
        {
            var type = entry.Metadata;
            var table = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            // Store-generated keys (autoincrement) are left to the database.
            var properties = type.GetProperties().Where(p => p.GetColumnName(store) is not null && !entry.Property(p.Name).IsTemporary).ToArray();
            var key = table + "|" + string.Join(',', properties.Select(p => p.Name));
            if (!commands.TryGetValue(key, out var prepared))
            {
                var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))}) " +
                                      $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
                prepared = (command, properties);
                commands[key] = prepared;
            }

            prepared.Command.Parameters.Clear();
            for (var i = 0; i < prepared.Properties.Length; i++)
            {
                var property = prepared.Properties[i];
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                prepared.Command.Parameters.Add(mapping.CreateParameter(prepared.Command, $"@p{i}", entry.Property(property.Name).CurrentValue, property.IsNullable));
            }

            await prepared.Command.ExecuteNonQueryAsync();
            rows++;
        }

        await tx.CommitAsync();
        foreach (var (command, _) in commands.Values) await command.DisposeAsync();
        db.ChangeTracker.Clear();
        return rows;
    }
}
