using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Extend by two further months (T5): once, within the first month, with reasons the family will read.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record ExtendDeadlineCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class ExtendDeadlineValidator : AbstractValidator<ExtendDeadlineCommand>
{
    public ExtendDeadlineValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the request is complex or one of several: the family will read this.").MaximumLength(2000);
    }
}

internal sealed class ExtendDeadlineHandler(CaseChanges cases, IOptions<MailLinkOptions> mailLinks) : IRequestHandler<ExtendDeadlineCommand, CaseState>
{
    public Task<CaseState> Handle(ExtendDeadlineCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.Extend(cmd.Reason, ctx), cancellationToken, (r, m) =>
        {
            // The family is told in the same save that records the extension, with the reason the caseworker wrote for them.
            if (string.IsNullOrWhiteSpace(r.RequesterEmail)) return null;
            var notice = MailTemplates.ExtensionNotice(m.OrganisationName, r.Reference, r.ExtensionReason ?? cmd.Reason, r.DueOn, mailLinks.Value.PublicBaseUrl, m.Templates);
            return OutboxMessage.Create(MailKinds.ExtensionNotice, r.RequesterEmail, notice.Subject, notice.Body, m.At, r.OrganisationId, r.Id);
        });
}
