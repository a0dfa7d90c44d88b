using System.Globalization;

namespace RightsPortal.Domain.Requests;

/// <summary>A reference unique within an organisation: short code, year received, six-digit sequence (STK-2026-000123).</summary>
public static class RequestReference
{
    public static string Format(string organisationCode, int year, int sequence)
    {
        if (sequence is < 1 or > 999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "A reference sequence runs from 1 to 999999 each year.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{organisationCode}-{year:D4}-{sequence:D6}");
    }
}
