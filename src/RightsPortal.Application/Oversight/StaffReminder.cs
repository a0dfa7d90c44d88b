namespace RightsPortal.Application.Oversight;

/// <summary>
/// One reminder or escalation sent to one member of staff about one date (a request's legal limit, an extension notice,
/// a search task, a complaint acknowledgement). <see cref="Key"/> names the date and the threshold crossed, so the
/// deadline watcher writes each reminder once however often it runs or restarts. It is also the staff member's in-app
/// list. Holds no personal data: the request's reference and what is due.
/// </summary>
public sealed class StaffReminder
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid? RequestId { get; set; }

    /// <summary>The staff user it is for.</summary>
    public string RecipientUserId { get; set; } = "";

    /// <summary>What it is about and which threshold, e.g. "due:{requestId}:5-working-days". Unique per recipient.</summary>
    public string Key { get; set; } = "";

    /// <summary>One of the staff mail kinds (reminder, escalation, extension-notice reminder, search reminder).</summary>
    public string Kind { get; set; } = "";
    public string Reference { get; set; } = "";

    /// <summary>The date the reminder is about.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>One line for the in-app list (no personal data).</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
