namespace RightsPortal.Domain.Retention;

/// <summary>
/// One change to an organisation's retention schedule, kept for good: which line, what it said before and after (in
/// words), why, who changed it and when. The schedule decides when children's records are destroyed, so every change
/// to it must be explainable to the ICO.
/// </summary>
public sealed class RetentionRuleChange
{
    public const int ReasonLimit = 2000;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>The schedule line changed, or none for an organisation-wide setting (29 February).</summary>
    public Guid? RuleId { get; set; }

    public string RecordType { get; set; } = "";

    /// <summary>The line before the change, in words; empty for a new line.</summary>
    public string Before { get; set; } = "";

    /// <summary>The line after the change, in words; empty for a removed line.</summary>
    public string After { get; set; } = "";

    public string Reason { get; set; } = "";
    public string ChangedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}
