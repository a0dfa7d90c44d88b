using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// The family's request is also about another child: that child gets their own case, reference and clock (received
/// the same day), and both cases join the family's group.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record AddChildToRequestCommand(
    Guid RequestId,
    Guid ExpectedVersion,
    Guid SubmissionId,
    string SubjectName,
    DateOnly? SubjectDateOfBirth,
    string? SubjectSetting) : ICommand<AddedChild>, ICaseChange;

public sealed record AddedChild(Guid RequestId, string Reference, DateOnly DueOn, CaseState Original);

public sealed class AddChildToRequestValidator : AbstractValidator<AddChildToRequestCommand>
{
    public AddChildToRequestValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.SubmissionId).NotEmpty();
        RuleFor(c => c.SubjectName).NotEmpty().WithMessage("Enter the child's full name").MaximumLength(200);
        RuleFor(c => c.SubjectDateOfBirth).NotNull().WithMessage("Enter the child's date of birth");
        RuleFor(c => c.SubjectSetting).MaximumLength(200);
    }
}

internal sealed class AddChildToRequestHandler(IDbContextFactory<PortalDb> dbs, RequestIntake intake, CaseChanges cases, ICurrentActor actor)
    : IRequestHandler<AddChildToRequestCommand, AddedChild>
{
    public async Task<AddedChild> Handle(AddChildToRequestCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        RightsRequest original;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            original = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == cmd.RequestId && r.OrganisationId == organisationId, cancellationToken)
                ?? throw new NotFoundException("request");
        }

        if (original.Version != cmd.ExpectedVersion) throw new ConcurrencyConflictException();
        if (original.Status.IsFinished()) throw new Domain.DomainRuleException("This request is finished: log the other child's request as a new one.");

        var group = original.FamilyGroupId ?? original.Id;
        var receipt = await intake.ReceiveAsync(o => o.Id == organisationId, new IntakeDetails(
            cmd.SubmissionId,
            original.Right,
            original.Channel,
            original.ReceivedOn,
            new RequestParties(original.RequesterRole, original.RequesterName, original.RequesterEmail, cmd.SubjectName.Trim(),
                cmd.SubjectDateOfBirth!.Value, RequestIntake.Optional(cmd.SubjectSetting)),
            original.DataCategories,
            original.Details,
            actor.UserId,
            group), cancellationToken);

        var state = await cases.ApplyAsync(cmd, (r, ctx) => r.JoinFamily(group, receipt.Reference, cmd.SubjectName.Trim(), ctx), cancellationToken);
        return new AddedChild(receipt.RequestId, receipt.Reference, receipt.DueOn, state);
    }
}
