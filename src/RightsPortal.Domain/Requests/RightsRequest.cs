using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>One request by or for a child or young person to exercise a data-protection right.</summary>
public sealed class RightsRequest
{
    private List<string> dataCategories = [];
    private List<ClarificationPauseRecord> pauses = [];

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

    /// <summary>T5: the date by which the requester must be told of an extension (set once extended).</summary>
    public DateOnly? ExtensionNoticeBy { get; private set; }

    public bool Extended { get; private set; }
    public string? ExtensionReason { get; private set; }
    public DateOnly? ExtendedOn { get; private set; }

    /// <summary>T7: the organisation's own target, shown beside the legal limit.</summary>
    public DateOnly? InternalTargetOn { get; private set; }

    public int PausedDays { get; private set; }

    public IReadOnlyList<ClarificationPauseRecord> Pauses => pauses;

    /// <summary>The pause still waiting for the family's answer, if any.</summary>
    public ClarificationPauseRecord? OpenPause => pauses.FirstOrDefault(p => p.AnsweredOn is null);

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
        DeadlineCalculator calculator,
        ClockSettings settings)
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

        var request = new RightsRequest
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
            Version = Guid.NewGuid(),
        };
        request.Recompute(calculator, settings);
        return request;
    }

    /// <summary>T2: ID, evidence of authority or a fee arrived; the clock starts again from that day.</summary>
    public void RestartClock(DateOnly arrivedOn, DateOnly today, DeadlineCalculator calculator, ClockSettings settings)
    {
        if (arrivedOn > today) throw new DomainRuleException("Use the date it actually arrived: it cannot be in the future.");
        if (arrivedOn < ReceivedOn) throw new DomainRuleException("What was needed cannot have arrived before the request itself.");
        if (arrivedOn > StartOn) StartOn = arrivedOn;
        Touch();
        Recompute(calculator, settings);
    }

    /// <summary>T6: stop the clock while the organisation waits for the family to say what they are asking for.</summary>
    public void PauseForClarification(DateOnly askedOn, string reason, DateOnly today, DeadlineCalculator calculator, ClockSettings settings)
    {
        if (Right != Right.Access) throw new DomainRuleException("Only access requests can be paused for clarification.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Say what needs clarifying: pausing is not for routine use.");
        if (OpenPause is not null) throw new DomainRuleException("The clock is already paused: record the family's answer first.");
        if (askedOn > today) throw new DomainRuleException("Use the date clarification was asked for: it cannot be in the future.");
        if (askedOn < DeadlineRules.PausesFrom) throw new DomainRuleException($"The clock can only be paused for clarification from {UkDates.Short(DeadlineRules.PausesFrom)}.");
        if (askedOn < ReceivedOn) throw new DomainRuleException("Clarification cannot be asked for before the request arrived.");
        if (pauses.Count >= DeadlineRules.MaxPauses) throw new DomainRuleException($"A request can have at most {DeadlineRules.MaxPauses} clarification pauses.");
        if (pauses.Any(p => p.AnsweredOn >= askedOn)) throw new DomainRuleException("A new pause must start after the last answer arrived.");
        pauses.Add(new ClarificationPauseRecord(askedOn, reason.Trim()));
        Touch();
        Recompute(calculator, settings);
    }

    /// <summary>The family's answer arrived: the clock resumes, with the paused days added to the deadline.</summary>
    public void ClarificationAnswered(DateOnly answeredOn, DateOnly today, DeadlineCalculator calculator, ClockSettings settings)
    {
        var open = OpenPause ?? throw new DomainRuleException("The clock is not paused, so there is no answer to record.");
        if (answeredOn > today) throw new DomainRuleException("Use the date the answer arrived: it cannot be in the future.");
        if (answeredOn < open.AskedOn) throw new DomainRuleException("The answer cannot have arrived before clarification was asked for.");
        open.Answer(answeredOn);
        Touch();
        Recompute(calculator, settings);
    }

    /// <summary>T5: extend by two further months, once, decided and notified within the first month, with reasons.</summary>
    public void Extend(string reason, DateOnly today, DeadlineCalculator calculator, ClockSettings settings)
    {
        if (!DeadlineRules.CanExtend(Right)) throw new DomainRuleException("This kind of request cannot be extended.");
        if (Extended) throw new DomainRuleException("The deadline has already been extended: the law allows one extension only.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Say why the request is complex or one of several: the family will read this.");
        var firstMonthEnds = StartOn.AddMonths(1).AddDays(PausedDays);
        if (today > firstMonthEnds)
        {
            throw new DomainRuleException($"Extensions must be decided and notified within the first month, which ended on {UkDates.Short(firstMonthEnds)}.");
        }

        Extended = true;
        ExtensionReason = reason.Trim();
        ExtendedOn = today;
        Touch();
        Recompute(calculator, settings);
    }

    /// <summary>Every clock event ends here: the stored dates and their explanation always come from the rules.</summary>
    public void Recompute(DeadlineCalculator calculator, ClockSettings settings)
    {
        var answered = pauses.Where(p => p.AnsweredOn is not null).Select(p => new ClarificationPause(p.AskedOn, p.AnsweredOn!.Value)).ToList();
        var (deadline, explanation) = calculator.Explain(new DeadlineQuestion(
            Right, ReceivedOn, StartOn, Extended, answered, settings.PauseReading, settings.ComplaintReading, settings.InternalTarget, settings.SchoolCalendar));
        DueOn = deadline.DueOn;
        ExtensionNoticeBy = deadline.ExtensionNoticeBy;
        InternalTargetOn = deadline.InternalTargetOn;
        PausedDays = deadline.PausedDays;
        var lines = explanation.ToList();
        if (OpenPause is { } open)
        {
            lines.Add($"Paused since {UkDates.Short(open.AskedOn)}, waiting for clarification: the deadline moves later by each day the pause lasts.");
        }

        DueExplanation = string.Join('\n', lines);
    }

    private void Touch() => Version = Guid.NewGuid();
}

/// <summary>One clarification pause (T6): when it was asked for, why, and when the answer arrived.</summary>
public sealed class ClarificationPauseRecord
{
    private ClarificationPauseRecord()
    {
        // For the database mapper.
        Reason = "";
    }

    internal ClarificationPauseRecord(DateOnly askedOn, string reason)
    {
        Id = Guid.NewGuid();
        AskedOn = askedOn;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public DateOnly AskedOn { get; private set; }
    public string Reason { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }

    internal void Answer(DateOnly answeredOn) => AnsweredOn = answeredOn;
}

/// <summary>Who asked, and whom the request is about.</summary>
public sealed record RequestParties(
    RequesterRole RequesterRole,
    string RequesterName,
    string RequesterEmail,
    string SubjectName,
    DateOnly SubjectDateOfBirth,
    string? SubjectSetting);
