using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// Send a request, or the part of it that belongs there, to another organisation in the portal (school ↔ council SEN
/// team). The receiving case starts its clock on the day it arrives; both cases link to each other; the family's
/// notice is recorded on both timelines.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record TransferRequestCommand(
    Guid RequestId,
    Guid ExpectedVersion,
    Guid ReceivingOrganisationId,
    bool WholeRequest,
    string? Part,
    IReadOnlyList<string> DataCategories,
    string Reason) : ICommand<TransferResult>, ICaseChange;

public sealed record TransferResult(CaseState Sent, string ReceivingReference, DateOnly ReceivingDueOn);

public sealed class TransferRequestValidator : AbstractValidator<TransferRequestCommand>
{
    public TransferRequestValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.ReceivingOrganisationId).NotEmpty().WithMessage("Choose the organisation to send the request to.");
        RuleFor(c => c.Part).NotEmpty().When(c => !c.WholeRequest).WithMessage("Say which part of the request is transferred.").MaximumLength(2000);
        RuleFor(c => c.DataCategories).NotEmpty().WithMessage("Choose which of the receiving organisation's records the request is about.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the request belongs to the other organisation: the family will read this.").MaximumLength(2000);
    }
}

internal sealed class TransferRequestHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<TransferRequestCommand, TransferResult>
{
    public async Task<TransferResult> Handle(TransferRequestCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken); // write lock: the receiving reference is issued in order
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == cmd.RequestId && r.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("request");
        if (request.Version != cmd.ExpectedVersion) throw new ConcurrencyConflictException();

        var sending = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        var receiving = await db.Organisations.AsNoTracking().Include(o => o.DataCategories)
            .SingleOrDefaultAsync(o => o.Id == cmd.ReceivingOrganisationId, cancellationToken) ?? throw new NotFoundException("organisation");
        if (receiving.Id == organisationId) throw new DomainRuleException("Choose another organisation: this request is already here.");
        var known = receiving.DataCategories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (cmd.DataCategories.Any(c => !known.Contains(c)))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(cmd.DataCategories), $"Choose kinds of record {receiving.Name} holds.")]);
        }

        var now = clock.GetUtcNow();
        var today = clock.UkToday();
        var actorId = actor.UserId ?? "unknown";
        var (sendingSettings, sendingCalculator) = await portalClock.ForOrganisationAsync(db, organisationId, cancellationToken);
        var (receivingSettings, receivingCalculator) = await portalClock.ForOrganisationAsync(db, receiving.Id, cancellationToken);

        var reference = await RequestIntake.NextReferenceAsync(db, receiving, today.Year, cancellationToken);
        var received = RightsRequest.ReceiveTransfer(request, sending.Name, receiving.Id, reference, cmd.DataCategories, cmd.WholeRequest ? null : cmd.Part,
            new CaseContext(actorId, now, today, receivingCalculator, receivingSettings));
        request.TransferTo(received, receiving.Name, cmd.WholeRequest, cmd.Part, cmd.Reason,
            new CaseContext(actorId, now, today, sendingCalculator, sendingSettings));
        db.Requests.Add(received);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        return new TransferResult(new CaseState(request.Id, request.Version, request.Status, request.DueOn), received.Reference, received.DueOn);
    }
}
