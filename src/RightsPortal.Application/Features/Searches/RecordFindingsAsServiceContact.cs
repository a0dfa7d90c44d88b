using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Searches;

/// <summary>
/// A service contact reports what their service found for one of its own searches. Anyone else's search (another
/// service, another organisation) is "not found", never "not yours".
/// </summary>
[RequiresRole(Roles.ServiceContact)]
public sealed record RecordFindingsAsServiceContactCommand(Guid RequestId, Guid TaskId, Guid ExpectedVersion, string Findings)
    : ICommand<CaseState>, ICaseChange;

public sealed class RecordFindingsAsServiceContactValidator : AbstractValidator<RecordFindingsAsServiceContactCommand>
{
    public RecordFindingsAsServiceContactValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.TaskId).NotEmpty();
        RuleFor(c => c.Findings).NotEmpty().WithMessage("Say what was found, where, or that nothing is held.")
            .MaximumLength(4000).WithMessage("Keep the findings to 4,000 characters; say where the rest can be found.");
    }
}

internal sealed class RecordFindingsAsServiceContactHandler(CaseChanges cases, IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<RecordFindingsAsServiceContactCommand, CaseState>
{
    public async Task<CaseState> Handle(RecordFindingsAsServiceContactCommand cmd, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        string service;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            // Checked before the version, so a stale page never reveals that someone else's search exists.
            service = await ServiceContactAccount.ServiceNameAsync(db, actor, organisationId, cancellationToken)
                ?? throw new NotFoundException("search");
            var theirs = await db.Requests.AsNoTracking()
                .Where(r => r.Id == cmd.RequestId && r.OrganisationId == organisationId)
                .SelectMany(r => r.SearchTasks)
                .AnyAsync(t => t.Id == cmd.TaskId && t.ServiceName == service, cancellationToken);
            if (!theirs)
            {
                throw new NotFoundException("search");
            }
        }

        return await cases.ApplyAsync(cmd, (request, ctx) =>
        {
            // Checked again on the loaded case: the rule holds whatever happened between the two reads.
            if (request.SearchTasks.SingleOrDefault(t => t.Id == cmd.TaskId) is not { } task || task.ServiceName != service)
            {
                throw new NotFoundException("search");
            }

            request.RecordSearchFindings(cmd.TaskId, cmd.Findings, ctx);
        }, cancellationToken);
    }
}
