using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Settings;

/// <summary>An administrator or the organisation's DPO saves the organisation's own wording for one kind of email.</summary>
[RequiresRole(Roles.Administrator, Roles.Dpo)]
public sealed record SaveMailTemplateCommand(Guid OrganisationId, string Kind, string Subject, string Body) : ICommand<MailTemplateSaved>, IAuditable
{
    Guid? IAuditable.AuditOrganisationId => OrganisationId;
    Guid? IAuditable.AuditRequestId => null;
}

public sealed record MailTemplateSaved(Guid OrganisationId, string Kind, DateTimeOffset UpdatedAt);

/// <summary>The rules in <see cref="MailTemplateRules"/>, field by field: the page shows the same messages as it types.</summary>
public sealed class SaveMailTemplateValidator : AbstractValidator<SaveMailTemplateCommand>
{
    public SaveMailTemplateValidator()
    {
        RuleFor(c => c.OrganisationId).NotEmpty().WithMessage("Choose the organisation.");
        RuleFor(c => c).Custom((command, context) =>
        {
            foreach (var problem in MailTemplateRules.Check(command.Kind, command.Subject, command.Body))
            {
                context.AddFailure(problem.Field, problem.Message);
            }
        });
    }
}

internal sealed class SaveMailTemplateHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<SaveMailTemplateCommand, MailTemplateSaved>
{
    public async Task<MailTemplateSaved> Handle(SaveMailTemplateCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = MailTemplateScope.OrganisationFor(actor, cmd.OrganisationId);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken); // one row per organisation and kind, even when two save at once
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            throw new NotFoundException("organisation");
        }

        var now = clock.GetUtcNow();
        var template = await db.MailTemplates.SingleOrDefaultAsync(t => t.OrganisationId == organisationId && t.Kind == cmd.Kind, cancellationToken);
        if (template is null)
        {
            template = new MailTemplate { Id = Guid.NewGuid(), OrganisationId = organisationId, Kind = cmd.Kind };
            db.MailTemplates.Add(template);
        }

        template.Subject = cmd.Subject.Trim();
        template.Body = cmd.Body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        template.UpdatedAt = now;
        template.UpdatedBy = actor.UserId ?? "unknown";
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new MailTemplateSaved(organisationId, cmd.Kind, now);
    }
}
