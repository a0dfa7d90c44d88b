using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Mail;

/// <summary>What each family-facing email is for; the outbox, the admin page and figures group by it.</summary>
public static class MailKinds
{
    public const string SignInCode = "sign-in-code";
    public const string Acknowledgement = "acknowledgement";
    public const string ExtensionNotice = "extension-notice";
    public const string MessageFromTeam = "message-from-team";
    public const string ClarificationRequested = "clarification-requested";
    public const string IdentityRequested = "identity-requested";
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
/// The words of every email a family receives: plain English, and only what is needed to recognise the request
/// (its reference and dates). Never the child's name, date of birth or any detail of the records asked for, because
/// an email can be read by whoever shares the inbox and sits on mail servers we do not control.
/// </summary>
public static class MailTemplates
{
    /// <summary>How long a sign-in code works for; the sign-in code check uses the same span.</summary>
    public static readonly TimeSpan SignInCodeLifetime = Features.Families.SignInCodeRules.Lifetime;

    /// <summary>We have your request: the reference, the date received and the date they will hear by.</summary>
    public static MailContent Acknowledgement(string organisationName, string reference, DateOnly receivedOn, DateOnly dueOn, string publicBaseUrl) =>
        new(
            $"We have received your request ({reference})",
            $"""
            Hello,

            We have received your request. Your reference is {reference}.

            We received it on {UkDates.Long(receivedOn)}.
            You will hear from us by {UkDates.Long(dueOn)} at the latest.

            If we need anything else from you, such as proof of who you are, we will tell you; the date you will hear by
            may then move, and we will say so.

            Use your reference if you contact us. You can check your request at {Link(publicBaseUrl)}

            {organisationName}
            """);

    /// <summary>We need more time: the reason (the caseworker wrote it for the family to read) and the new date.</summary>
    public static MailContent ExtensionNotice(string organisationName, string reference, string reason, DateOnly newDueOn, string publicBaseUrl) =>
        new(
            $"We need more time to answer your request ({reference})",
            $"""
            Hello,

            We need more time to answer your request {reference}. The law allows us up to two more months when a request
            is complex or is one of several.

            Why we need more time:
            {reason.Trim()}

            You will now hear from us by {UkDates.Long(newDueOn)} at the latest.

            If you are unhappy about this, you can tell us, and you can complain to the Information Commissioner's Office
            (ico.org.uk). You can check your request at {Link(publicBaseUrl)}

            {organisationName}
            """);

    /// <summary>A one-time code to sign in and see requests; no link, so the email cannot be mistaken for one to click.</summary>
    public static MailContent SignInCode(string code, DateTimeOffset now, string organisationName = "RightsPortal")
    {
        var until = TimeZoneInfo.ConvertTime(now + SignInCodeLifetime, UkTime.Zone);
        return new(
            "Your RightsPortal sign-in code", // not the code itself: subjects show on lock screens
            $"""
            Hello,

            Your sign-in code is: {code}

            It works for 15 minutes (until {until:HH:mm} UK time) and only once.

            If you did not ask to sign in, you can ignore this email: nobody can sign in without the code.
            We will never ask you for this code by phone.

            {organisationName}
            """);
    }

    /// <summary>The team wrote to the family: only that there is a message, never its words (they are read after signing in).</summary>
    public static MailContent MessageWaiting(string reference, string organisationName, string publicBaseUrl) =>
        new(
            $"There is a new message about your request ({reference})",
            $"""
            Hello,

            There is a new message about your request {reference}. Sign in to read it: {SignInLink(publicBaseUrl)}

            {organisationName}
            """);

    /// <summary>The team needs the family to say more about what they are asking for; the clock waits for the answer.</summary>
    public static MailContent ClarificationNeeded(string reference, string organisationName, string publicBaseUrl) =>
        new(
            $"We need to know more about your request ({reference})",
            $"""
            Hello,

            We need you to tell us more about your request {reference} before we can answer it. Sign in to see what we
            need and to reply: {SignInLink(publicBaseUrl)}

            The time we have to answer is paused until we hear from you, and restarts on the day your reply arrives.

            {organisationName}
            """);

    /// <summary>The team needs proof of identity or authority before work starts.</summary>
    public static MailContent IdentityNeeded(string reference, string organisationName, string publicBaseUrl) =>
        new(
            $"We need proof of identity for your request ({reference})",
            $"""
            Hello,

            Before we can work on your request {reference}, we need proof of who you are or of your authority to ask.
            Sign in to see what we need: {SignInLink(publicBaseUrl)}

            The time we have to answer starts on the day we receive it.

            {organisationName}
            """);

    private static string SignInLink(string publicBaseUrl) => Link(publicBaseUrl) + "sign-in";

    private static string Link(string publicBaseUrl) =>
        (string.IsNullOrWhiteSpace(publicBaseUrl) ? MailLinkOptions.DefaultPublicBaseUrl : publicBaseUrl).TrimEnd('/') + "/";
}
