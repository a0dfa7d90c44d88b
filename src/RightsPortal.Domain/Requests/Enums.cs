namespace RightsPortal.Domain.Requests;

/// <summary>The data-protection rights (and related routes) a family can use.</summary>
public enum Right
{
    Access,
    Rectification,
    Erasure,
    Restriction,
    Objection,
    Portability,
    AutomatedDecision,
    EducationalRecord,
    Complaint,
}

/// <summary>Who is asking, which shapes what we need to know about their authority.</summary>
public enum RequesterRole
{
    ParentCarer,
    YoungPerson,
    Child,
    Representative,
}

/// <summary>How the request reached the organisation (T1: every channel counts).</summary>
public enum Channel
{
    WebForm,
    Email,
    Letter,
    Phone,
    InPerson,
    SocialMedia,
    Integration,

    /// <summary>Sent on by another organisation in the portal: the clock starts on the day it arrived here.</summary>
    Transfer,
}

public enum RequestStatus
{
    Received,
    AwaitingIdentity,

    /// <summary>T9: a fee was asked for; nothing is done, and the clock does not start, until it arrives.</summary>
    AwaitingFee,
    InProgress,
    ClarificationRequested,
    Extended,
    ResponseDrafted,
    Closed,
    Withdrawn,

    /// <summary>The whole request belonged to another organisation in the portal and was sent to it.</summary>
    Transferred,
}

public static class RightNames
{
    /// <summary>Closed, withdrawn or transferred: nothing more is done on the case.</summary>
    public static bool IsFinished(this RequestStatus status) =>
        status is RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Transferred;

    /// <summary>Plain-English name of a right, as families see it.</summary>
    public static string Describe(this Right right) => right switch
    {
        Right.Access => "See the records held (subject access)",
        Right.Rectification => "Correct records that are wrong",
        Right.Erasure => "Delete records",
        Right.Restriction => "Limit how records are used",
        Right.Objection => "Object to how records are used",
        Right.Portability => "Have records transferred",
        Right.AutomatedDecision => "Challenge a decision made by a computer",
        Right.EducationalRecord => "See a child's educational record (parents)",
        Right.Complaint => "Complain about how data was handled",
        _ => right.ToString(),
    };

    public static string Describe(this RequesterRole role) => role switch
    {
        RequesterRole.ParentCarer => "Parent or carer",
        RequesterRole.YoungPerson => "Young person asking for themself",
        RequesterRole.Child => "Child asking for themself",
        RequesterRole.Representative => "Someone acting for the family (advocate, solicitor)",
        _ => role.ToString(),
    };

    public static string Describe(this RequestStatus status) => status switch
    {
        RequestStatus.Received => "Received",
        RequestStatus.AwaitingIdentity => "Waiting for ID or authority",
        RequestStatus.AwaitingFee => "Waiting for a fee",
        RequestStatus.InProgress => "In progress",
        RequestStatus.ClarificationRequested => "Waiting for clarification",
        RequestStatus.Extended => "Extended",
        RequestStatus.ResponseDrafted => "Response drafted",
        RequestStatus.Closed => "Closed",
        RequestStatus.Withdrawn => "Withdrawn",
        RequestStatus.Transferred => "Transferred",
        _ => status.ToString(),
    };
}
