using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>Proof of identity or authority is reasonably needed before work starts; the clock waits for it.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record RequestIdentityCommand(Guid RequestId, Guid ExpectedVersion, string Reason) : ICommand<CaseState>, ICaseChange;

public sealed class RequestIdentityValidator : AbstractValidator<RequestIdentityCommand>
{
    public RequestIdentityValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why proof of identity or authority is needed: it must be reasonable and proportionate.").MaximumLength(2000);
    }
}

internal sealed class RequestIdentityHandler(CaseChanges cases, IOptions<MailLinkOptions> mailLinks) : IRequestHandler<RequestIdentityCommand, CaseState>
{
    public Task<CaseState> Handle(RequestIdentityCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.RequestIdentity(cmd.Reason, ctx), cancellationToken,
            (r, m) => FamilyMail.Create(r, m, MailKinds.IdentityRequested, MailTemplates.IdentityNeeded(r.Reference, m.OrganisationName, mailLinks.Value.PublicBaseUrl, m.Templates)));
}
