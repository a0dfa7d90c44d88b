using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RightsPortal.Application.Data;

/// <summary>
/// Values written as <see cref="PortalDb"/> stores them, for the few statements that bypass EF (the retention sweep's
/// set-based SQL, the audit trail's prepared insert): ids as upper-case text, instants in their binary form.
/// </summary>
internal static class StoredValues
{
    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    public static long Instant(DateTimeOffset at) => (long)Instants.ConvertToProvider(at)!;

    public static DateTimeOffset InstantFrom(long stored) => (DateTimeOffset)Instants.ConvertFromProvider(stored)!;

    /// <summary>Ids as a JSON array, for <c>IN (SELECT value FROM json_each(...))</c>.</summary>
    public static string IdsJson(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(Id));
}
