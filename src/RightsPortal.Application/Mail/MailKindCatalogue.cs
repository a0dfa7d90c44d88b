namespace RightsPortal.Application.Mail;

/// <summary>Who reads an email: a family (plain English, the reference and dates only) or a member of staff.</summary>
public enum MailAudience
{
    Family,
    Staff,
}

/// <summary>
/// The placeholders a template may use. Each is filled with plain text the portal chose to put in an email: the
/// reference, dates, a link, a sign-in code, the caseworker's reason written for the family. Nothing else exists, so
/// no template can put a child's name, date of birth or anything about the records in an email.
/// </summary>
public static class MailPlaceholders
{
    public const string Organisation = "{organisation}";
    public const string Reference = "{reference}";
    public const string ReceivedOn = "{received-on}";
    public const string DueOn = "{due-on}";
    public const string Reason = "{reason}";
    public const string Link = "{link}";
    public const string Code = "{code}";
    public const string ExpiresAt = "{expires-at}";
    public const string What = "{what}";

    /// <summary>What each placeholder becomes, as the administration page explains it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Organisation] = "the organisation's name",
        [Reference] = "the request's reference, like STK-2026-000123",
        [ReceivedOn] = "the date the request was received, like Monday 2 March 2026",
        [DueOn] = "the date the family will hear by, or the date a reminder is about",
        [Reason] = "why more time is needed, as the caseworker wrote it for the family",
        [Link] = "the link back to the portal (family emails) or to the case (staff emails)",
        [Code] = "the six-digit sign-in code",
        [ExpiresAt] = "the UK time the sign-in code stops working, like 10:15",
        [What] = "one sentence saying what is due and when",
    };
}

/// <summary>One kind of email: who reads it, when it is sent, its default wording and the placeholders it may use.</summary>
/// <param name="Required">Placeholders the subject or body must contain (the sign-in code, the link back, the reference...).</param>
public sealed record MailKindDefinition(
    string Kind,
    MailAudience Audience,
    string Name,
    string SentWhen,
    MailContent Default,
    IReadOnlyList<string> Allowed,
    IReadOnlyList<string> Required)
{
    public bool Allows(string placeholder) => Allowed.Contains(placeholder, StringComparer.Ordinal);
}

/// <summary>Every kind of email the portal sends, with the portal's default wording for each.</summary>
public static class MailKindCatalogue
{
    private static readonly string[] RequestLinkPlaceholders = [MailPlaceholders.Organisation, MailPlaceholders.Reference, MailPlaceholders.Link];
    private static readonly string[] StaffPlaceholders =
        [MailPlaceholders.Organisation, MailPlaceholders.Reference, MailPlaceholders.DueOn, MailPlaceholders.What, MailPlaceholders.Link];
    private static readonly string[] StaffRequired = [MailPlaceholders.Reference, MailPlaceholders.DueOn, MailPlaceholders.Link];

    public static readonly IReadOnlyList<MailKindDefinition> All =
    [
        new(MailKinds.Acknowledgement, MailAudience.Family, "Acknowledgement",
            "A request arrives (online, logged by a caseworker or from another system) with an email address.",
            new("We have received your request ({reference})",
                """
                Hello,

                We have received your request. Your reference is {reference}.

                We received it on {received-on}.
                You will hear from us by {due-on} at the latest.

                If we need anything else from you, such as proof of who you are, we will tell you; the date you will hear by
                may then move, and we will say so.

                Use your reference if you contact us. You can check your request at {link}

                {organisation}
                """),
            [MailPlaceholders.Organisation, MailPlaceholders.Reference, MailPlaceholders.ReceivedOn, MailPlaceholders.DueOn, MailPlaceholders.Link],
            [MailPlaceholders.Reference, MailPlaceholders.DueOn, MailPlaceholders.Link]),

        new(MailKinds.ExtensionNotice, MailAudience.Family, "Extension notice",
            "A caseworker extends the time limit; the family must be told why within the first month.",
            new("We need more time to answer your request ({reference})",
                """
                Hello,

                We need more time to answer your request {reference}. The law allows us up to two more months when a request
                is complex or is one of several.

                Why we need more time:
                {reason}

                You will now hear from us by {due-on} at the latest.

                If you are unhappy about this, you can tell us, and you can complain to the Information Commissioner's Office
                (ico.org.uk). You can check your request at {link}

                {organisation}
                """),
            [MailPlaceholders.Organisation, MailPlaceholders.Reference, MailPlaceholders.Reason, MailPlaceholders.DueOn, MailPlaceholders.Link],
            [MailPlaceholders.Reference, MailPlaceholders.Reason, MailPlaceholders.DueOn, MailPlaceholders.Link]),

        new(MailKinds.SignInCode, MailAudience.Family, "Sign-in code",
            "A family asks to sign in. Used when all of the address's requests are with this organisation; otherwise the portal's wording is sent.",
            new("Your RightsPortal sign-in code", // not the code itself: subjects show on lock screens
                """
                Hello,

                Your sign-in code is: {code}

                It works for 15 minutes (until {expires-at} UK time) and only once.

                If you did not ask to sign in, you can ignore this email: nobody can sign in without the code.
                We will never ask you for this code by phone.

                {organisation}
                """),
            [MailPlaceholders.Organisation, MailPlaceholders.Code, MailPlaceholders.ExpiresAt],
            [MailPlaceholders.Code]),

        new(MailKinds.MessageFromTeam, MailAudience.Family, "New message",
            "A caseworker writes to the family on the case (the email never carries the message's words).",
            new("There is a new message about your request ({reference})",
                """
                Hello,

                There is a new message about your request {reference}. Sign in to read it: {link}

                {organisation}
                """),
            RequestLinkPlaceholders,
            [MailPlaceholders.Reference, MailPlaceholders.Link]),

        new(MailKinds.ClarificationRequested, MailAudience.Family, "Clarification requested",
            "A caseworker pauses an access request to ask what the family is asking for.",
            new("We need to know more about your request ({reference})",
                """
                Hello,

                We need you to tell us more about your request {reference} before we can answer it. Sign in to see what we
                need and to reply: {link}

                The time we have to answer is paused until we hear from you, and restarts on the day your reply arrives.

                {organisation}
                """),
            RequestLinkPlaceholders,
            [MailPlaceholders.Reference, MailPlaceholders.Link]),

        new(MailKinds.IdentityRequested, MailAudience.Family, "Proof of identity requested",
            "A caseworker asks for proof of identity or authority before work starts.",
            new("We need proof of identity for your request ({reference})",
                """
                Hello,

                Before we can work on your request {reference}, we need proof of who you are or of your authority to ask.
                Sign in to see what we need: {link}

                The time we have to answer starts on the day we receive it.

                {organisation}
                """),
            RequestLinkPlaceholders,
            [MailPlaceholders.Reference, MailPlaceholders.Link]),

        new(MailKinds.DeadlineReminder, MailAudience.Staff, "Reminder before the legal limit",
            "To the organisation's caseworkers, 5 and then 1 working day before a request's legal limit.",
            new("Reminder: {reference} is due by {due-on}",
                """
                Hello,

                {what}

                Request {reference} must be answered by {due-on}. Open the case: {link}

                This reminder is also in your reminders list in the portal.

                {organisation}
                """),
            StaffPlaceholders,
            StaffRequired),

        new(MailKinds.DpoEscalation, MailAudience.Staff, "Escalation to the DPO",
            "To the organisation's DPOs, when a request is 2 working days from its legal limit with no response drafted, or is overdue.",
            new("Needs your attention: {reference} (legal limit {due-on})",
                """
                Hello,

                {what}

                Request {reference} has a legal limit of {due-on}. Open the case: {link}

                You receive this as the organisation's data protection officer. It is also in your reminders list in the portal.

                {organisation}
                """),
            StaffPlaceholders,
            StaffRequired),

        new(MailKinds.ExtensionNoticeReminder, MailAudience.Staff, "Extension decision reminder",
            "To the organisation's caseworkers, 10 working days before the first month of an unextended request ends.",
            new("Decide on any extension for {reference} by {due-on}",
                """
                Hello,

                {what}

                Request {reference}: an extension must be decided, and the family told why, by {due-on}. Open the case: {link}

                This reminder is also in your reminders list in the portal.

                {organisation}
                """),
            StaffPlaceholders,
            StaffRequired),

        new(MailKinds.SearchTaskReminder, MailAudience.Staff, "Search reminder",
            "To the contacts of a service asked to search, 2 working days before the search is due and once it is overdue.",
            new("Search for {reference} due by {due-on}",
                """
                Hello,

                {what}

                Your service was asked to search its records for request {reference} by {due-on}. See your service's searches: {link}

                This reminder is also in your reminders list in the portal.

                {organisation}
                """),
            StaffPlaceholders,
            StaffRequired),
    ];

    private static readonly Dictionary<string, MailKindDefinition> ByKind = All.ToDictionary(d => d.Kind, StringComparer.Ordinal);

    public static MailKindDefinition? Find(string? kind) => kind is not null && ByKind.TryGetValue(kind, out var definition) ? definition : null;

    public static MailKindDefinition Get(string kind) => Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of email the portal sends.");

    /// <summary>Made-up values for the preview: they look like the real thing and belong to nobody.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues(string kind, string organisationName, string organisationCode, string publicBaseUrl)
    {
        var definition = Get(kind);
        var baseUrl = MailTemplates.Link(publicBaseUrl);
        var link = definition.Audience == MailAudience.Staff
            ? kind == MailKinds.SearchTaskReminder ? baseUrl + "searches" : baseUrl + "casework/requests/7d3a1f0e-1111-4222-8333-944445555666"
            : kind is MailKinds.Acknowledgement or MailKinds.ExtensionNotice ? baseUrl : baseUrl + "sign-in";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MailPlaceholders.Organisation] = organisationName,
            [MailPlaceholders.Reference] = $"{organisationCode}-2026-000123",
            [MailPlaceholders.ReceivedOn] = "Monday 2 March 2026",
            [MailPlaceholders.DueOn] = kind == MailKinds.ExtensionNotice ? "Tuesday 2 June 2026" : "Thursday 2 April 2026",
            [MailPlaceholders.Reason] = "Your request covers records held by four of our services, and each of them needs to search.",
            [MailPlaceholders.Link] = link,
            [MailPlaceholders.Code] = "482913",
            [MailPlaceholders.ExpiresAt] = "10:15",
            [MailPlaceholders.What] = kind switch
            {
                MailKinds.DpoEscalation => "The response is due in 2 working days, on Thursday 2 April 2026, and has not been drafted.",
                MailKinds.ExtensionNoticeReminder => "The first month ends on Thursday 2 April 2026. If the request is complex or one of several, decide on an extension and tell the family by then: after that it cannot be extended.",
                MailKinds.SearchTaskReminder => "Your service's search is due in 2 working days, on Thursday 2 April 2026.",
                _ => "The response is due in 5 working days, on Thursday 2 April 2026.",
            },
        };
    }
}
