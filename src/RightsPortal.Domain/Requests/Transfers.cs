using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

public sealed partial class RightsRequest
{
    /// <summary>The case this one was sent on to, when it (or part of it) belonged to another organisation.</summary>
    public Guid? TransferredToRequestId { get; private set; }
    public string? TransferredToReference { get; private set; }

    /// <summary>The case this one came from.</summary>
    public Guid? TransferredFromRequestId { get; private set; }
    public string? TransferredFromReference { get; private set; }

    /// <summary>What the family was told about the transfer (the audited notice).</summary>
    public string? TransferNotice { get; private set; }

    /// <summary>Requests from one family about several children share a group; each child has its own case and clock.</summary>
    public Guid? FamilyGroupId { get; private set; }

    /// <summary>
    /// Send this request, or the part of it that belongs elsewhere, to another organisation in the portal. The
    /// receiving case is created by <see cref="ReceiveTransfer"/>; both cases link to each other, and the family is
    /// told who now has it and when that organisation's clock started.
    /// </summary>
    public void TransferTo(RightsRequest receiving, string receivingOrganisationName, bool wholeRequest, string? part, string reason, CaseContext ctx)
    {
        Require(CaseAction.Transfer, "A request can be transferred only before a response is drafted.");
        if (TransferredToRequestId is not null) throw new DomainRuleException($"This request has already been transferred ({TransferredToReference}).");
        if (receiving.OrganisationId == OrganisationId) throw new DomainRuleException("Choose another organisation: this request is already here.");
        var why = Reason(reason, "Say why the request belongs to the other organisation: the family will read this.");
        var what = wholeRequest ? "your request" : "part of your request (" + Reason(part, "Say which part of the request is transferred.") + ")";
        TransferredToRequestId = receiving.Id;
        TransferredToReference = receiving.Reference;
        TransferNotice = $"We have passed {what} about {SubjectName} to {receivingOrganisationName}, because {why.TrimEnd('.')}. " +
            $"They received it on {UkDates.Long(receiving.ReceivedOn)}, their reference is {receiving.Reference}, and they must respond by {UkDates.Long(receiving.DueOn)}." +
            (wholeRequest ? "" : $" We will still respond to the rest of your request by {UkDates.Long(DueOn)}.");
        receiving.TransferNotice = TransferNotice;
        if (wholeRequest)
        {
            Status = RequestStatus.Transferred;
            ClosedOn = ctx.Today;
        }

        Record(ctx, wholeRequest ? "Transferred" : "Part transferred", $"To {receivingOrganisationName} as {receiving.Reference}. Notice to the family: {TransferNotice}");
    }

    /// <summary>
    /// The receiving organisation's case for a transferred request: its clock starts on the day it receives it, and
    /// it links back to the case it came from.
    /// </summary>
    public static RightsRequest ReceiveTransfer(
        RightsRequest from,
        string sendingOrganisationName,
        Guid organisationId,
        string reference,
        IEnumerable<string> dataCategories,
        string? part,
        CaseContext ctx)
    {
        var details = string.IsNullOrWhiteSpace(part) ? from.Details : $"Transferred part: {part.Trim()}\n\n{from.Details}".Trim();
        var request = Receive(
            organisationId,
            reference,
            Guid.NewGuid(),
            from.Right,
            Channel.Transfer,
            new RequestParties(from.RequesterRole, from.RequesterName, from.RequesterEmail, from.SubjectName, from.SubjectDateOfBirth, from.SubjectSetting),
            dataCategories,
            details,
            ctx.Today,
            ctx.At,
            ctx.Today,
            ctx.Calculator,
            ctx.Settings,
            ctx.ActorId);
        request.TransferredFromRequestId = from.Id;
        request.TransferredFromReference = from.Reference;
        request.PreferredFormat = from.PreferredFormat;
        request.ContactRoute = from.ContactRoute;
        request.AdjustmentNotes = from.AdjustmentNotes;
        request.HearingKind = from.HearingKind;
        request.HearingOn = from.HearingOn;
        request.Record(ctx, "Transferred in", $"From {sendingOrganisationName} ({from.Reference}), which received it on {UkDates.Short(from.ReceivedOn)}. Our clock runs from {UkDates.Short(request.ReceivedOn)}, the day we received it.");
        return request;
    }

    /// <summary>Another child of the same family was added to this request: both cases share the family's group.</summary>
    public void JoinFamily(Guid groupId, string siblingReference, string siblingName, CaseContext ctx)
    {
        if (FamilyGroupId is { } existing && existing != groupId) throw new DomainRuleException("This request already belongs to another family group.");
        FamilyGroupId = groupId;
        Record(ctx, "Another child added", $"{siblingName} has their own case, {siblingReference}, with its own clock.");
    }
}
