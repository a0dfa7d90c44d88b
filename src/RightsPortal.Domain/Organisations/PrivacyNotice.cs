namespace RightsPortal.Domain.Organisations;

/// <summary>
/// One version of one of an organisation's privacy notices, as the notice's own version table records it (the school's
/// notice shows the shape: version, author, approved by, approval date, review date, changes). The register keeps every
/// version; the newest is the one in force.
/// </summary>
public sealed class PrivacyNoticeVersion
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>Which notice (an organisation may have several, e.g. for pupils and for the workforce).</summary>
    public string Title { get; set; } = "";
    public string Version { get; set; } = "";
    public string Author { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public DateOnly? ApprovedOn { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public string Changes { get; set; } = "";
    public string Url { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>The review date has passed (the alert the DPO sees).</summary>
    public bool ReviewOverdue(DateOnly today) => ReviewOn is { } review && review < today;
}
