using System.Text;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>
/// Who and what an audit row names, in words a DPO reads: staff display names rather than account ids, and the
/// command's name as a phrase ("Extend deadline"). Nothing beyond what the row itself holds.
/// </summary>
public static class AuditNames
{
    public const string PublicActor = "public";
    public const string ApiKeyPrefix = "api-key:";

    /// <summary>Every command the audit trail can name (each command's type name is its audit action), by its phrase.</summary>
    public static IReadOnlyList<(string Action, string Label)> KnownActions { get; } = typeof(AuditNames).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                    && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))
        .Select(t => (t.Name, DescribeAction(t.Name)))
        .OrderBy(a => a.Item2, StringComparer.Ordinal)
        .ToList();

    /// <summary>"ExtendDeadlineCommand" becomes "Extend deadline".</summary>
    public static string DescribeAction(string action)
    {
        var name = action.EndsWith("Command", StringComparison.Ordinal) ? action[..^"Command".Length] : action;
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                words.Append(' ');
                // Keep acronyms ("ID", "API") as they are; lower the first letter of ordinary words.
                var acronym = i + 1 < name.Length && char.IsUpper(name[i + 1]);
                words.Append(acronym ? c : char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    /// <summary>The display names of those of these actor ids that are staff accounts.</summary>
    public static async Task<Dictionary<string, string>> StaffNamesAsync(PortalDb db, IEnumerable<string> actorIds, CancellationToken ct)
    {
        var ids = actorIds.Where(id => id is not (PublicActor or AuditChainChecker.System or Retention.RunRetentionSweep.Actor) && !id.StartsWith(ApiKeyPrefix, StringComparison.Ordinal))
            .Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>The person or system an audit row names.</summary>
    public static string DescribeActor(string actorId, IReadOnlyDictionary<string, string> staffNames) => actorId switch
    {
        PublicActor => "A family or member of the public",
        AuditChainChecker.System => "The portal",
        Retention.RunRetentionSweep.Actor => "The retention sweep",
        _ when actorId.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) => "A council system (API key)",
        _ when staffNames.TryGetValue(actorId, out var name) && name.Length > 0 => name,
        _ => $"Account {actorId}", // no display name known (for example a removed account): the id is all the row holds
    };
}
