using System.Security.Cryptography;
using System.Text;

namespace RightsPortal.Application.Data;

/// <summary>
/// A key a council system uses to call the integration API for one organisation. Only a hash is stored: the key
/// itself is shown once, when it is issued.
/// </summary>
public sealed class ApiKey
{
    private const string Scheme = "rpk_";

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, to find it and to recognise it in a list; not a secret on its own.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }

    public static (ApiKey Key, string Secret) Issue(Guid organisationId, string name, string issuedBy, DateTimeOffset now)
    {
        var secret = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiKey
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Name = name,
            Prefix = PrefixOf(secret),
            Hash = HashOf(secret),
            IssuedAt = now,
            IssuedBy = issuedBy,
        }, secret);
    }

    public static string PrefixOf(string secret) => secret.Length >= 12 ? secret[..12] : secret;

    /// <summary>Keys are 256 random bits, so a plain SHA-256 is enough (no password stretching needed).</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string secret) =>
        RevokedAt is null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash), Encoding.ASCII.GetBytes(HashOf(secret)));
}
