using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>One request by or for a child or young person to exercise a data-protection right.</summary>
public sealed class RightsRequest
{
    private List<string> dataCategories = [];

    private RightsRequest()
    {
        // For the database mapper.
        Reference = RequesterName = RequesterEmail = SubjectName = "";
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Reference { get; private set; }
    public Right Right { get; private set; }
    public RequestStatus Status { get; private set; }
    public Channel Channel { get; private set; }

    /// <summary>Idempotency key of the submission that created the request: a repeated post finds this one again.</summary>
    public Guid SubmissionId { get; private set; }

    public RequesterRole RequesterRole { get; private set; }
    public string RequesterName { get; private set; }
    public string RequesterEmail { get; private set; }
    public string SubjectName { get; private set; }
    public DateOnly SubjectDateOfBirth { get; private set; }
    public string? SubjectSetting { get; private set; }
    public IReadOnlyList<string> DataCategories => dataCategories;
    public string? Details { get; private set; }

    /// <summary>T1: the UK-local calendar date the request reached the organisation.</summary>
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>The instant the request was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>T2: the date the clock runs from.</summary>
    public DateOnly StartOn { get; private set; }

    /// <summary>The legal limit.</summary>
    public DateOnly DueOn { get; private set; }

    public string DueExplanation { get; private set; } = "";

    /// <summary>Optimistic concurrency token: two people saving the same case cannot silently overwrite each other.</summary>
    public Guid Version { get; private set; }

    public static RightsRequest Receive(
        Guid organisationId,
        string reference,
        Guid submissionId,
        Right right,
        Channel channel,
        RequestParties parties,
        IEnumerable<string> dataCategories,
        string? details,
        DateOnly receivedOn,
        DateTimeOffset recordedAt,
        DateOnly today,
        StatutoryClock clock)
    {
        if (receivedOn > today)
        {
            throw new DomainRuleException("A request cannot be received in the future: use the date it actually arrived.");
        }

        if (parties.SubjectDateOfBirth > today)
        {
            throw new DomainRuleException("The child's date of birth cannot be in the future.");
        }

        var categories = dataCategories.Distinct(StringComparer.Ordinal).ToList();
        if (categories.Count == 0)
        {
            throw new DomainRuleException("Say which records the request is about.");
        }

        var due = clock.OneCalendarMonth(receivedOn);
        return new RightsRequest
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Reference = reference,
            SubmissionId = submissionId,
            Right = right,
            Channel = channel,
            Status = RequestStatus.Received,
            RequesterRole = parties.RequesterRole,
            RequesterName = parties.RequesterName,
            RequesterEmail = parties.RequesterEmail,
            SubjectName = parties.SubjectName,
            SubjectDateOfBirth = parties.SubjectDateOfBirth,
            SubjectSetting = parties.SubjectSetting,
            dataCategories = categories,
            Details = details,
            ReceivedOn = receivedOn,
            RecordedAt = recordedAt,
            StartOn = receivedOn,
            DueOn = due.Date,
            DueExplanation = string.Join('\n', due.Explanation),
            Version = Guid.NewGuid(),
        };
    }
}

/// <summary>Who asked, and whom the request is about.</summary>
public sealed record RequestParties(
    RequesterRole RequesterRole,
    string RequesterName,
    string RequesterEmail,
    string SubjectName,
    DateOnly SubjectDateOfBirth,
    string? SubjectSetting);
