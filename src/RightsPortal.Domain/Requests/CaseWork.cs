using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>Who is acting on a case, when, and the clock their organisation counts on.</summary>
public sealed record CaseContext(string ActorId, DateTimeOffset At, DateOnly Today, DeadlineCalculator Calculator, ClockSettings Settings);

/// <summary>What a caseworker may do next; the case page offers exactly these.</summary>
public enum CaseAction
{
    RequestIdentity,
    ProceedWithoutIdentity,
    RecordIdentityReceived,
    PauseForClarification,
    RecordClarificationAnswer,
    Extend,
    DraftResponse,
    Close,
    Withdraw,
    ReopenForReview,
    RequestFee,
    RecordFeePaid,
    WaiveFee,
    RecordDecision,
    Transfer,
}

/// <summary>How a request ended.</summary>
public enum Outcome
{
    Complied,
    PartlyComplied,
    Refused,
    NothingHeld,
}

/// <summary>One entry in a case's timeline: who did what, when. Append-only.</summary>
public sealed class CaseEvent
{
    private CaseEvent()
    {
        // For the database mapper.
        ActorId = Kind = Detail = "";
    }

    internal CaseEvent(int sequence, DateTimeOffset at, string actorId, string kind, string detail)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        At = at;
        ActorId = actorId;
        Kind = kind;
        Detail = detail;
    }

    public Guid Id { get; private set; }

    /// <summary>Position on the case's timeline: events in the same instant keep the order they happened in.</summary>
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; }
    public string Kind { get; private set; }
    public string Detail { get; private set; }
}

public static class RefusalNotice
{
    /// <summary>T8: what every refusal (in whole or part) must tell the requester, besides the reasons.</summary>
    public const string RightsText =
        "You have the right to complain to the Information Commissioner's Office (ICO) about this decision: " +
        "https://ico.org.uk/make-a-complaint/, telephone 0303 123 1113. You also have the right to seek to enforce " +
        "your rights through the courts (a judicial remedy).";
}

/// <summary>A date that matters to the family beside the legal limit.</summary>
public enum HearingKind
{
    SendTribunal,
    Mediation,
    AnnualReview,
    Other,
}

/// <summary>How the family wants to receive the response.</summary>
public enum PreferredFormat
{
    Standard,
    LargePrint,
    EasyRead,
    Paper,
    Braille,
    Audio,
}

/// <summary>How the family wants to be contacted.</summary>
public enum ContactRoute
{
    Email,
    Post,
    Phone,
    ThroughAdvocate,
}

/// <summary>A service or team of the organisation asked to search its systems for the requested records.</summary>
public sealed class SearchTask
{
    private SearchTask()
    {
        // For the database mapper.
        ServiceName = Instructions = "";
    }

    internal SearchTask(Guid organisationId, string serviceName, string instructions, DateOnly askedOn, DateOnly dueOn)
    {
        Id = Guid.NewGuid();
        OrganisationId = organisationId;
        ServiceName = serviceName;
        Instructions = instructions;
        AskedOn = askedOn;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation whose service is asked: the request's, kept here so its searches can be counted by period without reading every request.</summary>
    public Guid OrganisationId { get; private set; }

    public string ServiceName { get; private set; }
    public string Instructions { get; private set; }
    public DateOnly AskedOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? Findings { get; private set; }

    internal void Complete(DateOnly on, string findings)
    {
        CompletedOn = on;
        Findings = findings;
    }
}
