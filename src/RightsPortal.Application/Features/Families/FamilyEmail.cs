using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace RightsPortal.Application.Features.Families;

/// <summary>How a family's email address is compared and stored for sign-in: trimmed, lower-cased, and hashed.</summary>
public static partial class FamilyEmail
{
    public const int MaxLength = 254;

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    /// <summary>SHA-256 (hex) of the normalised address: codes are found and rate limited without storing the address.</summary>
    public static string Hash(string email) => Sha256Hex(Normalise(email));

    public static bool IsWellFormed(string? email) => email is not null && Shape().IsMatch(email.Trim());

    /// <summary>
    /// Requests made with this (normalised) address, as SQL: lower() is what the database can translate, so the
    /// analyzer's string.Equals suggestion does not apply here.
    /// </summary>
#pragma warning disable CA1862 // EF Core translates ToLower(), not string.Equals with a comparison type
    public static Expression<Func<Domain.Requests.RightsRequest, bool>> MadeBy(string normalisedEmail) =>
        r => r.RequesterEmail.ToLower() == normalisedEmail;
#pragma warning restore CA1862

    internal static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
