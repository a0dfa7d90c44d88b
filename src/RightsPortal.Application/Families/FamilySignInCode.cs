namespace RightsPortal.Application.Families;

/// <summary>
/// A one-time code sent to prove a family owns an email address. Only hashes are stored: the address is kept as
/// its SHA-256 (so codes can be found and rate limited without holding the address) and the code as a salted hash.
/// Short-lived, single use, with a limited number of attempts.
/// </summary>
public sealed class FamilySignInCode
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 (hex) of the trimmed, lower-cased email address.</summary>
    public string EmailHash { get; set; } = "";

    /// <summary>Hash of the code with its salt; never the code itself.</summary>
    public string CodeHash { get; set; } = "";
    public string Salt { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
