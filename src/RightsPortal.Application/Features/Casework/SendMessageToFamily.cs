using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The team writes to the family on the case; the family is emailed that a message is waiting (not its words).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record SendMessageToFamilyCommand(Guid RequestId, Guid ExpectedVersion, string Text) : ICommand<CaseState>, ICaseChange;

public sealed class SendMessageToFamilyValidator : AbstractValidator<SendMessageToFamilyCommand>
{
    public SendMessageToFamilyValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write the message to the family.")
            .MaximumLength(RightsRequest.MessageLimit).WithMessage($"A message can be up to {RightsRequest.MessageLimit} characters.");
    }
}

internal sealed class SendMessageToFamilyHandler(CaseChanges cases, IOptions<MailLinkOptions> mailLinks) : IRequestHandler<SendMessageToFamilyCommand, CaseState>
{
    public Task<CaseState> Handle(SendMessageToFamilyCommand cmd, CancellationToken cancellationToken) =>
        cases.ApplyAsync(cmd, (r, ctx) => r.MessageFromTeam(cmd.Text, ctx), cancellationToken,
            (r, m) => FamilyMail.Create(r, m, MailKinds.MessageFromTeam, MailTemplates.MessageWaiting(r.Reference, m.OrganisationName, mailLinks.Value.PublicBaseUrl, m.Templates)));
}

/// <summary>An email to the family about their case, written in the same save as the change; none without an address.</summary>
internal static class FamilyMail
{
    public static OutboxMessage? Create(RightsRequest r, CaseMail m, string kind, MailContent content) =>
        string.IsNullOrWhiteSpace(r.RequesterEmail)
            ? null
            : OutboxMessage.Create(kind, r.RequesterEmail, content.Subject, content.Body, m.At, r.OrganisationId, r.Id);
}

/// <summary>One message on the case as the case page shows it.</summary>
public sealed record CaseMessageView(DateTimeOffset At, bool FromFamily, string AuthorId, string Text);
