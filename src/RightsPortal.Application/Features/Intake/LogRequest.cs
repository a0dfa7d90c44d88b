using FluentValidation;
using MediatR;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Intake;

/// <summary>
/// A caseworker logs a request that arrived by email, letter, phone, in person or social media, with the date it
/// really arrived (T1: any member of staff receiving it starts the clock; back-dated, never in the future).
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record LogRequestCommand(
    Guid SubmissionId,
    Right Right,
    Channel Channel,
    DateOnly ReceivedOn,
    RequesterRole? RequesterRole,
    string? RequesterName,
    string? RequesterEmail,
    string? SubjectName,
    DateOnly? SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string> DataCategories,
    string? Details) : ICommand<SubmissionReceipt>, IRequestInput;

public sealed class LogRequestValidator : AbstractValidator<LogRequestCommand>
{
    /// <summary>How far back a request can be logged: older ones are long overdue and need the DPO, not intake.</summary>
    public const int MaxDaysBack = 366;

    public LogRequestValidator(TimeProvider clock)
    {
        RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired. Reload the page and fill it in again.");
        RuleFor(c => c.Right).IsInEnum().WithMessage("Select the right being used");
        const string SelectChannel = "Select how the request arrived: email, letter, phone, in person or social media";
        RuleFor(c => c.Channel)
            .IsInEnum().WithMessage(SelectChannel)
            .Must(c => c is not (Channel.WebForm or Channel.Integration)).WithMessage(SelectChannel);
        RuleFor(c => c.ReceivedOn)
            .Must(d => d <= clock.UkToday()).WithMessage("The date received cannot be in the future: use the date it actually arrived")
            .Must(d => d >= clock.UkToday().AddDays(-MaxDaysBack)).WithMessage("The date received is more than a year ago: ask your DPO how to record it");
        Include(new RequestInputValidator(clock));
    }
}

internal sealed class LogRequestHandler(RequestIntake intake, ICurrentActor actor) : IRequestHandler<LogRequestCommand, SubmissionReceipt>
{
    public Task<SubmissionReceipt> Handle(LogRequestCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        return intake.ReceiveAsync(o => o.Id == organisationId, new IntakeDetails(
            cmd.SubmissionId,
            cmd.Right,
            cmd.Channel,
            cmd.ReceivedOn,
            new RequestParties(cmd.RequesterRole!.Value, cmd.RequesterName!.Trim(), cmd.RequesterEmail!.Trim(), cmd.SubjectName!.Trim(),
                cmd.SubjectDateOfBirth!.Value, RequestIntake.Optional(cmd.SubjectSetting)),
            cmd.DataCategories,
            RequestIntake.Optional(cmd.Details),
            actor.UserId), cancellationToken);
    }
}
