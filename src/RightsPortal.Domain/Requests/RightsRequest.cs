using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>One request by or for a child or young person to exercise a data-protection right.</summary>
public sealed partial class RightsRequest
{
    private List<string> dataCategories = [];
    private List<ClarificationPauseRecord> pauses = [];
    private List<CaseEvent> events = [];
    private List<SearchTask> searchTasks = [];

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

    /// <summary>The searches asked of the organisation's services.</summary>
    public IReadOnlyList<SearchTask> SearchTasks => searchTasks;

    /// <summary>
    /// The exemptions the response relied on for records withheld or redacted, fixed when it was sent: their names,
    /// comma-separated in order, or empty. Kept on the case so the DPO's figures need not read every record.
    /// </summary>
    public string ExemptionsApplied { get; private set; } = "";

    /// <summary>The staff member (user id) who has the case, if it was given to someone: the deadline reminders go to them.</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>The case timeline, oldest first.</summary>
    public IReadOnlyList<CaseEvent> Events => events;

    /// <summary>Whether proof of identity or authority is needed, and why (or why not): recorded either way.</summary>
    public bool? IdentityNeeded { get; private set; }
    public string? IdentityDecisionReason { get; private set; }

    /// <summary>
    /// The day the identity question was settled: proof arrived and was accepted, or none was needed. Copies of ID
    /// documents are kept only a short time after it (the retention schedule); the fact that ID was checked stays.
    /// </summary>
    public DateOnly? IdentityDecidedOn { get; private set; }

    /// <summary>When the case's personal data was destroyed under the retention schedule; the row left is its tombstone.</summary>
    public DateTimeOffset? DestroyedAt { get; private set; }

    /// <summary>The schedule rule the case was destroyed under, in words.</summary>
    public string? DestroyedUnderRule { get; private set; }

    /// <summary>Who approved the destruction (the DPO's name), or the sweep for a destruction the schedule makes automatic.</summary>
    public string? DestructionApprovedBy { get; private set; }

    public Outcome? Outcome { get; private set; }
    public string? ResponseSummary { get; private set; }
    public DateOnly? ResponseSentOn { get; private set; }
    public string? RefusalReasons { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? WithdrawalReason { get; private set; }

    /// <summary>A SEND Tribunal hearing, mediation or annual review the response should arrive before.</summary>
    public HearingKind? HearingKind { get; private set; }
    public DateOnly? HearingOn { get; private set; }

    /// <summary>Reasonable adjustments: how the family wants the response and to be contacted.</summary>
    public PreferredFormat PreferredFormat { get; private set; }
    public ContactRoute ContactRoute { get; private set; }
    public string? AdjustmentNotes { get; private set; }

    /// <summary>The legal limit falls after a hearing the family is preparing for.</summary>
    public bool DueAfterHearing => HearingOn is { } hearing && DueOn > hearing && !Status.IsFinished();

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
        ClockSettings settings,
        string? recordedBy = null,
        Guid? familyGroupId = null)
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
            FamilyGroupId = familyGroupId,
        };
        request.Recompute(calculator, settings);
        request.events.Add(new CaseEvent(1, recordedAt, recordedBy ?? "family",
            "Received", $"Received on {UkDates.Short(receivedOn)} by {ChannelName(channel)}."));
        return request;
    }

    private static string ChannelName(Channel channel) => channel switch
    {
        Channel.WebForm => "the online form",
        Channel.InPerson => "someone in person",
        Channel.SocialMedia => "social media",
        Channel.Integration => "another system",
        Channel.Transfer => "transfer from another organisation",
        _ => channel.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The actions allowed in the current state: everything else is refused with a reason. Given today, an extension
    /// is offered only while the first month lasts.
    /// </summary>
    public IReadOnlyList<CaseAction> AllowedActions(DateOnly? today = null)
    {
        var allowed = new List<CaseAction>();
        if (DestroyedAt is not null) return allowed; // destroyed under the retention schedule: nothing is left to work on
        switch (Status)
        {
            case RequestStatus.Received:
                allowed.AddRange([CaseAction.RequestIdentity, CaseAction.ProceedWithoutIdentity, CaseAction.Transfer]);
                break;
            case RequestStatus.AwaitingIdentity:
                allowed.AddRange([CaseAction.RecordIdentityReceived, CaseAction.Transfer]);
                break;
            case RequestStatus.AwaitingFee:
                allowed.AddRange([CaseAction.RecordFeePaid, CaseAction.WaiveFee]);
                break;
            case RequestStatus.InProgress:
                if (Right == Right.Access) allowed.Add(CaseAction.PauseForClarification);
                if (DecisionRules.HasDecision(Right)) allowed.Add(CaseAction.RecordDecision);
                allowed.AddRange([CaseAction.RequestFee, CaseAction.DraftResponse, CaseAction.Transfer]);
                break;
            case RequestStatus.ClarificationRequested:
                allowed.Add(CaseAction.RecordClarificationAnswer);
                break;
            case RequestStatus.ResponseDrafted:
                if (DecisionRules.HasDecision(Right)) allowed.Add(CaseAction.RecordDecision);
                allowed.AddRange([CaseAction.Close, CaseAction.DraftResponse]);
                break;
            case RequestStatus.Closed:
                allowed.Add(CaseAction.ReopenForReview);
                break;
        }

        if (Status is RequestStatus.Received or RequestStatus.AwaitingIdentity or RequestStatus.InProgress or RequestStatus.ClarificationRequested
            && !Extended && DeadlineRules.CanExtend(Right) && (today is null || today.Value <= FirstMonthEnds))
        {
            allowed.Add(CaseAction.Extend);
        }

        if (!Status.IsFinished())
        {
            allowed.Add(CaseAction.Withdraw);
        }

        return allowed;
    }

    /// <summary>The end of the first month, counted as the extension notice date is: from the start plus any paused days.</summary>
    public DateOnly FirstMonthEnds => StartOn.AddMonths(1).AddDays(PausedDays);

    /// <summary>Proof of identity or authority is reasonably needed; work waits for it.</summary>
    public void RequestIdentity(string why, CaseContext ctx)
    {
        Require(CaseAction.RequestIdentity, "ID can only be asked for before work on the request starts.");
        var reason = Reason(why, "Say why proof of identity or authority is needed: it must be reasonable and proportionate.");
        IdentityNeeded = true;
        IdentityDecisionReason = reason;
        Status = RequestStatus.AwaitingIdentity;
        Record(ctx, "Identity requested", IdentityDecisionReason);
    }

    /// <summary>No proof is needed (details match, data not sensitive, requester known): record why and start work.</summary>
    public void ProceedWithoutIdentity(string why, CaseContext ctx)
    {
        Require(CaseAction.ProceedWithoutIdentity, "This request is already past the identity check.");
        var reason = Reason(why, "Say why no proof of identity or authority is needed.");
        IdentityNeeded = false;
        IdentityDecisionReason = reason;
        IdentityDecidedOn = ctx.Today;
        Status = RequestStatus.InProgress;
        Record(ctx, "Proceeding without ID", IdentityDecisionReason);
    }

    /// <summary>T2: the ID or evidence of authority arrived; the clock starts again from that day.</summary>
    public void RecordIdentityReceived(DateOnly arrivedOn, CaseContext ctx)
    {
        Require(CaseAction.RecordIdentityReceived, "No ID was asked for, so there is nothing to record.");
        Restart(arrivedOn, ctx);
        Status = RequestStatus.InProgress;
        IdentityDecidedOn = ctx.Today;
        Record(ctx, "Identity received", $"Arrived on {UkDates.Short(arrivedOn)}; the clock runs from {UkDates.Short(StartOn)}.");
    }

    /// <summary>T2: ID, evidence of authority or a fee arrived; the clock starts again from that day.</summary>
    public void RestartClock(DateOnly arrivedOn, CaseContext ctx)
    {
        if (Status.IsFinished())
        {
            throw new DomainRuleException($"The clock of a {Status.Describe().ToLowerInvariant()} request cannot be restarted.");
        }

        Restart(arrivedOn, ctx);
        Record(ctx, "Clock restarted", $"What was needed arrived on {UkDates.Short(arrivedOn)}; the clock runs from {UkDates.Short(StartOn)}.");
    }

    private void Restart(DateOnly arrivedOn, CaseContext ctx)
    {
        if (arrivedOn > ctx.Today) throw new DomainRuleException("Use the date it actually arrived: it cannot be in the future.");
        if (arrivedOn < ReceivedOn) throw new DomainRuleException("What was needed cannot have arrived before the request itself.");
        if (arrivedOn > StartOn) StartOn = arrivedOn;
        Touch();
        Recompute(ctx.Calculator, ctx.Settings);
    }

    /// <summary>T6: stop the clock while the organisation waits for the family to say what they are asking for.</summary>
    public void PauseForClarification(DateOnly askedOn, string reason, CaseContext ctx)
    {
        if (Right != Right.Access) throw new DomainRuleException("Only access requests can be paused for clarification.");
        if (Status == RequestStatus.ClarificationRequested || OpenPause is not null) throw new DomainRuleException("The clock is already paused: record the family's answer first.");
        Require(CaseAction.PauseForClarification, "Clarification can only be asked for while the request is being worked on.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Say what needs clarifying: pausing is not for routine use.");
        if (askedOn > ctx.Today) throw new DomainRuleException("Use the date clarification was asked for: it cannot be in the future.");
        DeadlineRules.RefuseUnlawfulPauseStart(askedOn, ReceivedOn, pauses.Count);
        if (pauses.Any(p => p.AnsweredOn >= askedOn)) throw new DomainRuleException("A new pause must start after the last answer arrived.");
        pauses.Add(new ClarificationPauseRecord(askedOn, reason.Trim()));
        Status = RequestStatus.ClarificationRequested;
        Touch();
        Recompute(ctx.Calculator, ctx.Settings);
        Record(ctx, "Clarification requested", $"Asked on {UkDates.Short(askedOn)}: {reason.Trim()}");
    }

    /// <summary>The family's answer arrived: the clock resumes, with the paused days added to the deadline.</summary>
    public void ClarificationAnswered(DateOnly answeredOn, CaseContext ctx)
    {
        Require(CaseAction.RecordClarificationAnswer, "The clock is not paused, so there is no answer to record.");
        var open = OpenPause ?? throw new DomainRuleException("The clock is not paused, so there is no answer to record.");
        if (answeredOn > ctx.Today) throw new DomainRuleException("Use the date the answer arrived: it cannot be in the future.");
        if (answeredOn < open.AskedOn) throw new DomainRuleException("The answer cannot have arrived before clarification was asked for.");
        open.Answer(answeredOn);
        Status = RequestStatus.InProgress;
        Touch();
        Recompute(ctx.Calculator, ctx.Settings);
        Record(ctx, "Clarification received", $"Answered on {UkDates.Short(answeredOn)}; the legal limit is now {UkDates.Short(DueOn)}.");
    }

    /// <summary>T5: extend by two further months, once, decided and notified within the first month, with reasons.</summary>
    public void Extend(string reason, CaseContext ctx)
    {
        if (!DeadlineRules.CanExtend(Right)) throw new DomainRuleException("This kind of request cannot be extended.");
        if (Extended) throw new DomainRuleException("The deadline has already been extended: the law allows one extension only.");
        Require(CaseAction.Extend, "An extension can only be decided while the request is still being worked on, before a response is drafted.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Say why the request is complex or one of several: the family will read this.");
        if (ctx.Today > FirstMonthEnds)
        {
            throw new DomainRuleException($"Extensions must be decided and notified within the first month, which ended on {UkDates.Short(FirstMonthEnds)}.");
        }

        Extended = true;
        ExtensionReason = reason.Trim();
        ExtendedOn = ctx.Today;
        Touch();
        Recompute(ctx.Calculator, ctx.Settings);
        Record(ctx, "Deadline extended", $"{ExtensionReason.TrimEnd('.')}. The legal limit is now {UkDates.Short(DueOn)}; tell the requester by {UkDates.Short(ExtensionNoticeBy!.Value)}.");
    }

    /// <summary>The response is drafted with its intended outcome (it can be redrafted until it is sent).</summary>
    public void DraftResponse(Outcome outcome, string summary, CaseContext ctx)
    {
        Require(CaseAction.DraftResponse, "A response can be drafted only while the request is being worked on.");
        var text = Reason(summary, "Summarise the response: what is being disclosed, corrected or refused.");
        CheckOutcomeAgreesWithDecision(outcome);
        Outcome = outcome;
        ResponseSummary = text;
        Status = RequestStatus.ResponseDrafted;
        Record(ctx, "Response drafted", $"{OutcomeName(outcome)}: {ResponseSummary}");
    }

    /// <summary>
    /// The response was sent: close with an outcome. A refusal in whole or part must carry reasons, and the notice
    /// always carries the right to complain to the ICO and to a judicial remedy (T8).
    /// </summary>
    public void Close(Outcome outcome, DateOnly sentOn, string? refusalReasons, CaseContext ctx)
    {
        Require(CaseAction.Close, "Draft the response before closing: a request cannot close without an outcome and a response.");
        if (ResponseSummary is null) throw new DomainRuleException("Record the response before closing.");
        if (sentOn > ctx.Today) throw new DomainRuleException("Use the date the response was sent: it cannot be in the future.");
        if (sentOn < ReceivedOn) throw new DomainRuleException("The response cannot have been sent before the request arrived.");
        CheckOutcomeAgreesWithDecision(outcome);
        if (outcome is Requests.Outcome.Refused or Requests.Outcome.PartlyComplied)
        {
            if (string.IsNullOrWhiteSpace(refusalReasons))
            {
                throw new DomainRuleException("A refusal must give the requester its reasons, with their right to complain to the ICO and to go to court.");
            }

            RefusalReasons = refusalReasons.Trim() + "\n\n" + RefusalNotice.RightsText;
        }
        else
        {
            // A response that refuses nothing carries no refusal (nor one left over from before an internal review).
            RefusalReasons = null;
        }

        Outcome = outcome;
        ResponseSentOn = sentOn;
        ClosedOn = ctx.Today;
        Status = RequestStatus.Closed;
        ExemptionsApplied = string.Join(',', disclosures
            .Where(d => d.Exemption is not null && d.Disposition != Disposition.Disclosed)
            .Select(d => d.Exemption!.Value.ToString())
            .Distinct()
            .Order(StringComparer.Ordinal));
        var late = sentOn > DueOn ? $" This was {sentOn.DayNumber - DueOn.DayNumber} day(s) after the legal limit of {UkDates.Short(DueOn)}." : "";
        Record(ctx, "Closed", $"{OutcomeName(outcome)}; response sent on {UkDates.Short(sentOn)}.{late}");
    }

    /// <summary>
    /// Give the case to a member of staff (who then gets its deadline reminders), to someone else, or to nobody (every
    /// caseworker is reminded). The application checks the person may have it; the name is for the timeline.
    /// </summary>
    public void AssignTo(string? userId, string? name, CaseContext ctx)
    {
        if (ClosedOn is not null) throw new DomainRuleException("A finished case is not given to anyone. Reopen it for review first if there is more to do.");
        var to = string.IsNullOrWhiteSpace(userId) ? null : userId;
        if (to == AssignedTo) throw new DomainRuleException(to is null ? "Nobody has this case already." : $"{name} has this case already.");
        if (to is not null && string.IsNullOrWhiteSpace(name)) throw new DomainRuleException("Choose who should have the case.");
        AssignedTo = to;
        Record(ctx, to is null ? "Unassigned" : "Assigned", to is null ? "Nobody has the case now: every caseworker is reminded of its dates." : $"Given to {name!.Trim()}.");
    }

    /// <summary>The requester withdrew the request.</summary>
    public void Withdraw(string reason, CaseContext ctx)
    {
        Require(CaseAction.Withdraw, "A closed or withdrawn request cannot be withdrawn.");
        WithdrawalReason = Reason(reason, "Record how and why the request was withdrawn.");
        ClosedOn = ctx.Today;
        Status = RequestStatus.Withdrawn;
        Record(ctx, "Withdrawn", WithdrawalReason);
    }

    /// <summary>The requester asked for an internal review of the response: the case opens again.</summary>
    public void ReopenForReview(string reason, CaseContext ctx)
    {
        Require(CaseAction.ReopenForReview, "Only a closed request can be reopened for internal review.");
        var why = Reason(reason, "Say what the requester asked to be reviewed.");
        Status = RequestStatus.InProgress;
        ClosedOn = null;
        Record(ctx, "Reopened for internal review", why);
    }

    /// <summary>
    /// Ask a service or team to search its systems, by a date before the legal limit, so there is time to review
    /// and respond.
    /// </summary>
    public SearchTask AskServiceToSearch(string serviceName, string instructions, DateOnly dueOn, CaseContext ctx)
    {
        if (Status is not (RequestStatus.InProgress or RequestStatus.ClarificationRequested or RequestStatus.ResponseDrafted))
        {
            throw new DomainRuleException("Searches are asked for once work on the request has started.");
        }

        if (string.IsNullOrWhiteSpace(serviceName)) throw new DomainRuleException("Choose the service to ask.");
        var what = Reason(instructions, "Say what the service should search for.");
        if (dueOn < ctx.Today) throw new DomainRuleException("The search cannot be due in the past.");
        if (dueOn >= DueOn) throw new DomainRuleException($"The search must be due before the legal limit ({UkDates.Short(DueOn)}), to leave time to review and respond.");
        if (searchTasks.Any(t => t.ServiceName == serviceName && t.CompletedOn is null))
        {
            throw new DomainRuleException($"{serviceName} already has a search open on this request.");
        }

        var task = new SearchTask(OrganisationId, serviceName.Trim(), what, ctx.Today, dueOn);
        searchTasks.Add(task);
        Record(ctx, "Search requested", $"{task.ServiceName}, by {UkDates.Short(dueOn)}: {what}");
        return task;
    }

    /// <summary>The service reports what it found (records, where, or nothing held).</summary>
    public void RecordSearchFindings(Guid taskId, string findings, CaseContext ctx)
    {
        var task = searchTasks.SingleOrDefault(t => t.Id == taskId) ?? throw new DomainRuleException("There is no such search on this request.");
        if (task.CompletedOn is not null) throw new DomainRuleException($"{task.ServiceName} has already reported its findings.");
        if (Status.IsFinished()) throw new DomainRuleException("The request is finished: no more findings can be added.");
        var found = Reason(findings, "Say what was found, where, or that nothing is held.");
        task.Complete(ctx.Today, found);
        var late = ctx.Today > task.DueOn ? $" (due {UkDates.Short(task.DueOn)})" : "";
        Record(ctx, "Search findings", $"{task.ServiceName}{late}: {found}");
    }

    /// <summary>Record (or clear) a hearing the response should arrive before.</summary>
    public void RecordHearing(HearingKind? kind, DateOnly? on, CaseContext ctx)
    {
        if (kind is null != on is null) throw new DomainRuleException("Give both the kind of hearing and its date, or neither to clear it.");
        if (Status.IsFinished()) throw new DomainRuleException("The request is finished: there is no response left to plan around a hearing.");
        HearingKind = kind;
        HearingOn = on;
        Record(ctx, "Hearing recorded", on is { } date
            ? $"{HearingName(kind!.Value)} on {UkDates.Short(date)}." + (DueOn > date ? $" The legal limit ({UkDates.Short(DueOn)}) is after it: aim to respond before the hearing." : "")
            : "Hearing date cleared.");
    }

    /// <summary>Record the family's reasonable adjustments; the response and every contact use them.</summary>
    public void RecordAdjustments(PreferredFormat format, ContactRoute route, string? notes, CaseContext ctx)
    {
        PreferredFormat = format;
        ContactRoute = route;
        AdjustmentNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Record(ctx, "Adjustments recorded", $"Response in {FormatName(format)}; contact by {RouteName(route)}." + (AdjustmentNotes is null ? "" : $" {AdjustmentNotes}"));
    }

    public static string HearingName(HearingKind kind) => kind switch
    {
        Requests.HearingKind.SendTribunal => "SEND Tribunal hearing",
        Requests.HearingKind.Mediation => "Mediation",
        Requests.HearingKind.AnnualReview => "Annual review",
        _ => "Hearing",
    };

    public static string FormatName(PreferredFormat format) => format switch
    {
        Requests.PreferredFormat.LargePrint => "large print",
        Requests.PreferredFormat.EasyRead => "easy read",
        Requests.PreferredFormat.Paper => "paper by post",
        Requests.PreferredFormat.Braille => "braille",
        Requests.PreferredFormat.Audio => "audio",
        _ => "the standard format",
    };

    public static string RouteName(ContactRoute route) => route switch
    {
        Requests.ContactRoute.Post => "post",
        Requests.ContactRoute.Phone => "phone",
        Requests.ContactRoute.ThroughAdvocate => "their advocate",
        _ => "email",
    };

    private void Require(CaseAction action, string otherwise)
    {
        if (DestroyedAt is not null)
        {
            throw new DomainRuleException("This case was destroyed under the retention schedule: only its record of destruction is kept.");
        }

        if (!AllowedActions().Contains(action))
        {
            var status = Status.Describe();
            throw new DomainRuleException($"{otherwise} (The request is {char.ToLowerInvariant(status[0])}{status[1..]}.)");
        }
    }

    private static string Reason(string? text, string otherwise) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainRuleException(otherwise) : text.Trim();

    private void Record(CaseContext ctx, string kind, string detail)
    {
        events.Add(new CaseEvent(events.Count == 0 ? 1 : events.Max(e => e.Sequence) + 1, ctx.At, ctx.ActorId, kind, detail));
        Touch();
    }

    public static string OutcomeName(Outcome outcome) => outcome switch
    {
        Requests.Outcome.Complied => "Complied in full",
        Requests.Outcome.PartlyComplied => "Complied in part",
        Requests.Outcome.Refused => "Refused",
        Requests.Outcome.NothingHeld => "No records held",
        _ => outcome.ToString(),
    };

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
