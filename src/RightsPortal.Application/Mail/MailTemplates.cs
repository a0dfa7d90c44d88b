using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Mail;

/// <summary>What each email is for; the outbox, the templates, the admin pages and figures group by it.</summary>
public static class MailKinds
{
    // To families.
    public const string SignInCode = "sign-in-code";
    public const string Acknowledgement = "acknowledgement";
    public const string ExtensionNotice = "extension-notice";
    public const string MessageFromTeam = "message-from-team";
    public const string ClarificationRequested = "clarification-requested";
    public const string IdentityRequested = "identity-requested";

    // To staff, from the deadline watcher.
    public const string DeadlineReminder = "deadline-reminder";
    public const string DpoEscalation = "dpo-escalation";
    public const string ExtensionNoticeReminder = "extension-notice-reminder";
    public const string SearchTaskReminder = "search-task-reminder";

    public static readonly IReadOnlyList<string> Staff = [DeadlineReminder, DpoEscalation, ExtensionNoticeReminder, SearchTaskReminder];
}

/// <summary>The subject and plain-text body of one email.</summary>
public sealed record MailContent(string Subject, string Body);

/// <summary>Where family emails link back to. Set from "Portal:PublicBaseUrl".</summary>
public sealed class MailLinkOptions
{
    public const string DefaultPublicBaseUrl = "http://localhost:5094";

    public string PublicBaseUrl { get; set; } = DefaultPublicBaseUrl;
}

/// <summary>
/// The words of every email the portal sends, from the organisation's own wording where it has some (see
/// <see cref="MailTemplateSet"/>) or the portal's default. Family emails carry only what is needed to recognise the
/// request (its reference and dates), never the child's name, date of birth or any detail of the records asked for,
/// because an email can be read by whoever shares the inbox and sits on mail servers we do not control: the only
/// values a template can use are the placeholders each kind allows.
/// </summary>
public static class MailTemplates
{
    /// <summary>How long a sign-in code works for; the sign-in code check uses the same span.</summary>
    public static readonly TimeSpan SignInCodeLifetime = Features.Families.SignInCodeRules.Lifetime;

    /// <summary>Who signs a sign-in code email that is not one organisation's.</summary>
    public const string PortalName = "RightsPortal";

    /// <summary>We have your request: the reference, the date received and the date they will hear by.</summary>
    public static MailContent Acknowledgement(string organisationName, string reference, DateOnly receivedOn, DateOnly dueOn, string publicBaseUrl, MailTemplateSet? templates = null) =>
        (templates ?? MailTemplateSet.Defaults).Render(MailKinds.Acknowledgement, new Dictionary<string, string>
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Reference] = reference,
            [MailPlaceholders.ReceivedOn] = UkDates.Long(receivedOn),
            [MailPlaceholders.DueOn] = UkDates.Long(dueOn),
            [MailPlaceholders.Link] = Link(publicBaseUrl),
        });

    /// <summary>We need more time: the reason (the caseworker wrote it for the family) and the new date.</summary>
    public static MailContent ExtensionNotice(string organisationName, string reference, string reason, DateOnly newDueOn, string publicBaseUrl, MailTemplateSet? templates = null) =>
        (templates ?? MailTemplateSet.Defaults).Render(MailKinds.ExtensionNotice, new Dictionary<string, string>
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Reference] = reference,
            [MailPlaceholders.Reason] = reason.Trim(),
            [MailPlaceholders.DueOn] = UkDates.Long(newDueOn),
            [MailPlaceholders.Link] = Link(publicBaseUrl),
        });

    /// <summary>A one-time code to sign in and see requests; no link, so the email cannot be mistaken for one to click.</summary>
    public static MailContent SignInCode(string code, DateTimeOffset now, string organisationName = PortalName, MailTemplateSet? templates = null)
    {
        var until = TimeZoneInfo.ConvertTime(now + SignInCodeLifetime, UkTime.Zone);
        return (templates ?? MailTemplateSet.Defaults).Render(MailKinds.SignInCode, new Dictionary<string, string>
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Code] = code,
            [MailPlaceholders.ExpiresAt] = until.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The team wrote to the family: only that there is a message, never its words (they are read after signing in).</summary>
    public static MailContent MessageWaiting(string reference, string organisationName, string publicBaseUrl, MailTemplateSet? templates = null) =>
        RequestLink(MailKinds.MessageFromTeam, reference, organisationName, publicBaseUrl, templates);

    /// <summary>The team needs the family to say more about what they are asking for; the clock waits for the answer.</summary>
    public static MailContent ClarificationNeeded(string reference, string organisationName, string publicBaseUrl, MailTemplateSet? templates = null) =>
        RequestLink(MailKinds.ClarificationRequested, reference, organisationName, publicBaseUrl, templates);

    /// <summary>The team needs proof of identity or authority before work starts.</summary>
    public static MailContent IdentityNeeded(string reference, string organisationName, string publicBaseUrl, MailTemplateSet? templates = null) =>
        RequestLink(MailKinds.IdentityRequested, reference, organisationName, publicBaseUrl, templates);

    /// <summary>
    /// A reminder or escalation to a member of staff (kinds <see cref="MailKinds.DeadlineReminder"/>,
    /// <see cref="MailKinds.DpoEscalation"/>, <see cref="MailKinds.ExtensionNoticeReminder"/>, <see cref="MailKinds.SearchTaskReminder"/>).
    /// </summary>
    /// <param name="what">One sentence saying what is due and when (no personal data).</param>
    /// <param name="link">The case page, or the service's searches for a service contact.</param>
    public static MailContent StaffReminder(string kind, string organisationName, string reference, DateOnly dueOn, string what, string link, MailTemplateSet? templates = null) =>
        (templates ?? MailTemplateSet.Defaults).Render(kind, new Dictionary<string, string>
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Reference] = reference,
            [MailPlaceholders.DueOn] = UkDates.Long(dueOn),
            [MailPlaceholders.What] = what,
            [MailPlaceholders.Link] = link,
        });

    private static MailContent RequestLink(string kind, string reference, string organisationName, string publicBaseUrl, MailTemplateSet? templates) =>
        (templates ?? MailTemplateSet.Defaults).Render(kind, new Dictionary<string, string>
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Reference] = reference,
            [MailPlaceholders.Link] = SignInLink(publicBaseUrl),
        });

    private static string SignInLink(string publicBaseUrl) => Link(publicBaseUrl) + "sign-in";

    /// <summary>The portal's public address, ending in "/".</summary>
    public static string Link(string publicBaseUrl) =>
        (string.IsNullOrWhiteSpace(publicBaseUrl) ? MailLinkOptions.DefaultPublicBaseUrl : publicBaseUrl).TrimEnd('/') + "/";
}
