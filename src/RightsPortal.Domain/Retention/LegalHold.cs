using System.Globalization;
using System.Text;

namespace RightsPortal.Domain.Retention;

/// <summary>Why records must be kept whatever the schedule says.</summary>
public enum LegalHoldKind
{
    IcoInvestigation,
    Tribunal,
    Claim,
    Inquiry,
}

/// <summary>
/// A child as records are matched for a hold: the name normalised (accents, case, punctuation and spacing ignored, so
/// "Zoë  O'Neil-Smith" matches "zoe oneil smith") and the date of birth.
/// </summary>
public sealed record ChildKey
{
    private ChildKey(string name, DateOnly dateOfBirth)
    {
        Name = name;
        DateOfBirth = dateOfBirth;
    }

    /// <summary>The normalised name, lower case, words separated by single spaces.</summary>
    public string Name { get; }

    public DateOnly DateOfBirth { get; }

    /// <summary>The key for a child's name as written anywhere, and their date of birth.</summary>
    public static ChildKey Of(string name, DateOnly dateOfBirth)
    {
        var normalised = Normalise(name);
        if (normalised.Length == 0) throw new DomainRuleException("Give the child's name.");
        return new ChildKey(normalised, dateOfBirth);
    }

    /// <summary>The key, or none when the name has no letters or digits to match on (nothing could hold it by name).</summary>
    public static ChildKey? TryOf(string? name, DateOnly dateOfBirth)
    {
        var normalised = Normalise(name);
        return normalised.Length == 0 ? null : new ChildKey(normalised, dateOfBirth);
    }

    private static string Normalise(string? name)
    {
        var text = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '.') continue;
            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>
/// A legal hold: while it is in force, the records of one case, or every record about one child, are not destroyed,
/// whatever the schedule says. Placed and released by a named person with reasons; released once.
/// </summary>
public sealed class LegalHold
{
    /// <summary>Longest reason for placing or releasing a hold.</summary>
    public const int ReasonLimit = 2000;

    private LegalHold()
    {
        // For the database mapper.
        Reason = PlacedBy = "";
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public LegalHoldKind Kind { get; private set; }

    /// <summary>The case held, when the hold is on one case.</summary>
    public Guid? RequestId { get; private set; }

    /// <summary>The child's name as given, when the hold is on everything about a child.</summary>
    public string? ChildName { get; private set; }

    public DateOnly? ChildDateOfBirth { get; private set; }

    /// <summary>The normalised name records are matched on (see <see cref="ChildKey"/>).</summary>
    public string? ChildNameKey { get; private set; }

    public string Reason { get; private set; }
    public string PlacedBy { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }
    public string? ReleasedBy { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string? ReleaseReason { get; private set; }

    /// <summary>Not yet released: the hold stops destruction.</summary>
    public bool IsInForce => ReleasedAt is null;

    /// <summary>The child held, when the hold is on a child.</summary>
    public ChildKey? Child => ChildName is not null && ChildDateOfBirth is { } dob ? ChildKey.Of(ChildName, dob) : null;

    /// <summary>Hold one case's records.</summary>
    public static LegalHold OnCase(Guid organisationId, Guid requestId, LegalHoldKind kind, string reason, string placedBy, DateTimeOffset placedAt)
    {
        if (requestId == Guid.Empty) throw new DomainRuleException("Choose the case to hold.");
        return New(organisationId, kind, reason, placedBy, placedAt, h => h.RequestId = requestId);
    }

    /// <summary>Hold every record about a child, matched by name and date of birth.</summary>
    public static LegalHold OnChild(Guid organisationId, string childName, DateOnly dateOfBirth, LegalHoldKind kind, string reason, string placedBy, DateTimeOffset placedAt, DateOnly today)
    {
        if (dateOfBirth > today) throw new DomainRuleException("The child's date of birth cannot be in the future.");
        var key = ChildKey.Of(childName, dateOfBirth);
        return New(organisationId, kind, reason, placedBy, placedAt, h =>
        {
            h.ChildName = childName.Trim();
            h.ChildDateOfBirth = dateOfBirth;
            h.ChildNameKey = key.Name;
        });
    }

    private static LegalHold New(Guid organisationId, LegalHoldKind kind, string reason, string placedBy, DateTimeOffset placedAt, Action<LegalHold> scope)
    {
        var hold = new LegalHold
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Kind = kind,
            Reason = CheckedReason(reason, "Say why the records must be kept: the investigation, hearing or claim and its reference."),
            PlacedBy = Person(placedBy, "Record who placed the hold."),
            PlacedAt = placedAt,
        };
        scope(hold);
        return hold;
    }

    /// <summary>Release the hold: destruction may go ahead again under the schedule. A hold is released once.</summary>
    public void Release(string reason, string releasedBy, DateTimeOffset releasedAt)
    {
        if (!IsInForce) throw new DomainRuleException($"This hold was already released by {ReleasedBy}.");
        var why = CheckedReason(reason, "Say why the hold can end, for example that the investigation has closed.");
        var by = Person(releasedBy, "Record who released the hold.");
        if (releasedAt < PlacedAt) throw new DomainRuleException("A hold cannot be released before it was placed.");
        ReleaseReason = why;
        ReleasedBy = by;
        ReleasedAt = releasedAt;
    }

    /// <summary>Whether the hold was in force at an instant: placed by then and not yet released.</summary>
    public bool WasInForceAt(DateTimeOffset at) => PlacedAt <= at && (ReleasedAt is null || at < ReleasedAt);

    /// <summary>Whether the hold is on this case, or on the child the case is about.</summary>
    public bool Covers(Guid? requestId, ChildKey? child) =>
        (RequestId is { } held && held == requestId) || (child is not null && Child == child);

    /// <summary>In force and on this case or child: records covered must not be destroyed.</summary>
    public bool Holds(Guid? requestId, ChildKey? child) => IsInForce && Covers(requestId, child);

    /// <summary>The name of the person who placed the hold, when it has been looked up (not stored: the id is).</summary>
    public string? PlacedByName { get; private set; }

    /// <summary>Gives the hold the display name of the person who placed it, for <see cref="Describe"/>.</summary>
    public void NamePlacer(string? name) => PlacedByName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    /// <summary>The hold in a sentence for the DPO.</summary>
    public string Describe() =>
        $"{KindName(Kind)} hold placed by {PlacedByName ?? PlacedBy}" + (RequestId is null ? " on every record about the child" : " on this case") + $": {Reason}";

    public static string KindName(LegalHoldKind kind) => kind switch
    {
        LegalHoldKind.IcoInvestigation => "ICO investigation",
        LegalHoldKind.Tribunal => "Tribunal",
        LegalHoldKind.Claim => "Legal claim",
        LegalHoldKind.Inquiry => "Inquiry",
        _ => kind.ToString(),
    };

    private static string CheckedReason(string? text, string otherwise)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainRuleException(otherwise);
        var trimmed = text.Trim();
        if (trimmed.Length > ReasonLimit) throw new DomainRuleException($"Keep the reason to {ReasonLimit} characters or fewer.");
        return trimmed;
    }

    private static string Person(string? who, string otherwise) =>
        string.IsNullOrWhiteSpace(who) ? throw new DomainRuleException(otherwise) : who.Trim();
}
