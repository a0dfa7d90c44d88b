using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Access requests only: the clock stops while the family is asked what they are asking for (T6).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record PauseForClarificationCommand(Guid RequestId, Guid ExpectedVersion, DateOnly AskedOn, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class PauseForClarificationValidator : AbstractValidator<PauseForClarificationCommand>
{
    public PauseForClarificationValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say what needs clarifying: pausing is not for routine use.").MaximumLength(2000);
    }
}

internal sealed class PauseForClarificationHandler(CaseChanges cases, IOptions<MailLinkOptions> mailLinks) : IRequestHandler<PauseForClarificationCommand, CaseState>
{
    public Task<CaseState> Handle(PauseForClarificationCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.PauseForClarification(cmd.AskedOn, cmd.Reason, ctx), cancellationToken,
            (r, m) => FamilyMail.Create(r, m, MailKinds.ClarificationRequested, MailTemplates.ClarificationNeeded(r.Reference, m.OrganisationName, mailLinks.Value.PublicBaseUrl, m.Templates)));
}
