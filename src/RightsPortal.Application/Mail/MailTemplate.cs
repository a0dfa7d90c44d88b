namespace RightsPortal.Application.Mail;

/// <summary>
/// An organisation's own wording for one kind of email (family-facing or staff-facing). Where an organisation has none,
/// the portal's default wording is used. Subject and body hold placeholders such as {reference}, filled when sent.
/// </summary>
public sealed class MailTemplate
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }

    /// <summary>One of <see cref="MailKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The staff user id of whoever last changed it.</summary>
    public string UpdatedBy { get; set; } = "";
}
