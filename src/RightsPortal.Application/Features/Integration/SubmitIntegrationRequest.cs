using FluentValidation;
using MediatR;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Integration;

/// <summary>
/// A council front-door system (CRM, web-form platform) hands in a request it took, for the organisation its API key
/// belongs to. Channel "integration"; the date it reached the organisation may be earlier than today (T1).
/// </summary>
[RequiresRole(Roles.Integration)]
public sealed record SubmitIntegrationRequestCommand(
    Guid SubmissionId,
    Right? Right,
    DateOnly? ReceivedOn,
    RequesterRole? RequesterRole,
    string? RequesterName,
    string? RequesterEmail,
    string? SubjectName,
    DateOnly? SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string> DataCategories,
    string? Details) : ICommand<SubmissionReceipt>, IRequestInput;

public sealed class SubmitIntegrationRequestValidator : AbstractValidator<SubmitIntegrationRequestCommand>
{
    public SubmitIntegrationRequestValidator(TimeProvider clock)
    {
        RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("Give a submissionId (a GUID your system keeps), so a retried call is not stored twice.");
        RuleFor(c => c.Right).NotNull().WithMessage("Give the right being used.").IsInEnum().WithMessage("Give a known right.");
        RuleFor(c => c.ReceivedOn)
            .Must(d => d is null || d <= clock.UkToday()).WithMessage("receivedOn cannot be in the future.")
            .Must(d => d is null || d >= clock.UkToday().AddDays(-LogRequestValidator.MaxDaysBack)).WithMessage("receivedOn is more than a year ago.");
        Include(new RequestInputValidator(clock));
    }
}

internal sealed class SubmitIntegrationRequestHandler(RequestIntake intake, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<SubmitIntegrationRequestCommand, SubmissionReceipt>
{
    public Task<SubmissionReceipt> Handle(SubmitIntegrationRequestCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        return intake.ReceiveAsync(o => o.Id == organisationId, new IntakeDetails(
            cmd.SubmissionId,
            cmd.Right!.Value,
            Channel.Integration,
            cmd.ReceivedOn ?? clock.UkToday(),
            new RequestParties(cmd.RequesterRole!.Value, cmd.RequesterName!.Trim(), cmd.RequesterEmail!.Trim(), cmd.SubjectName!.Trim(),
                cmd.SubjectDateOfBirth!.Value, RequestIntake.Optional(cmd.SubjectSetting)),
            cmd.DataCategories,
            RequestIntake.Optional(cmd.Details),
            actor.UserId), cancellationToken);
    }
}
