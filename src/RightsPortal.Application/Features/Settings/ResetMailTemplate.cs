using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Settings;

/// <summary>Go back to the portal's default wording for one kind of email: the organisation's own is deleted.</summary>
[RequiresRole(Roles.Administrator, Roles.Dpo)]
public sealed record ResetMailTemplateCommand(Guid OrganisationId, string Kind) : ICommand<bool>, IAuditable
{
    Guid? IAuditable.AuditOrganisationId => OrganisationId;
    Guid? IAuditable.AuditRequestId => null;
}

public sealed class ResetMailTemplateValidator : AbstractValidator<ResetMailTemplateCommand>
{
    public ResetMailTemplateValidator()
    {
        RuleFor(c => c.OrganisationId).NotEmpty().WithMessage("Choose the organisation.");
        RuleFor(c => c.Kind).Must(k => MailKindCatalogue.Find(k) is not null).WithMessage("Choose a kind of email from the list.");
    }
}

internal sealed class ResetMailTemplateHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<ResetMailTemplateCommand, bool>
{
    /// <returns>Whether the organisation had its own wording.</returns>
    public async Task<bool> Handle(ResetMailTemplateCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = MailTemplateScope.OrganisationFor(actor, cmd.OrganisationId);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var template = await db.MailTemplates.SingleOrDefaultAsync(t => t.OrganisationId == organisationId && t.Kind == cmd.Kind, cancellationToken);
        if (template is null)
        {
            return false;
        }

        db.MailTemplates.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
