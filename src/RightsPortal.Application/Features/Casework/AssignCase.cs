using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// Give the case to a caseworker or the DPO of the organisation (null: to nobody). Whoever has it gets the caseworkers'
/// deadline reminders for it; a case nobody has reminds every caseworker.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record AssignCaseCommand(Guid RequestId, Guid ExpectedVersion, string? AssigneeUserId) : ICommand<CaseState>, ICaseChange;

public sealed class AssignCaseValidator : AbstractValidator<AssignCaseCommand>
{
    public AssignCaseValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.AssigneeUserId).MaximumLength(450);
    }
}

/// <summary>A member of staff a case can be given to.</summary>
public sealed record AssignableStaff(string UserId, string Name);

/// <summary>The caseworkers and DPOs of the signed-in person's organisation, by name: who a case can be given to.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetAssignableStaffQuery : IQuery<IReadOnlyList<AssignableStaff>>;

internal static class AssignableStaffList
{
    public static async Task<List<AssignableStaff>> ForAsync(PortalDb db, Guid organisationId, CancellationToken ct)
    {
        string[] roles = [Roles.Caseworker, Roles.Dpo];
        var staff = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles.AsNoTracking() on user.Id equals userRole.UserId
                join role in db.Roles.AsNoTracking() on userRole.RoleId equals role.Id
                where user.OrganisationId == organisationId && roles.Contains(role.Name!)
                select new { user.Id, user.DisplayName, user.Email })
            .ToListAsync(ct);
        return [.. staff.DistinctBy(s => s.Id)
            .Select(s => new AssignableStaff(s.Id, string.IsNullOrWhiteSpace(s.DisplayName) ? s.Email ?? s.Id : s.DisplayName))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }
}

internal sealed class GetAssignableStaffHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetAssignableStaffQuery, IReadOnlyList<AssignableStaff>>
{
    public async Task<IReadOnlyList<AssignableStaff>> Handle(GetAssignableStaffQuery query, CancellationToken cancellationToken)
    {
        if (actor.OrganisationId is not { } organisationId) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await AssignableStaffList.ForAsync(db, organisationId, cancellationToken);
    }
}

internal sealed class AssignCaseHandler(CaseChanges cases, IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<AssignCaseCommand, CaseState>
{
    public async Task<CaseState> Handle(AssignCaseCommand cmd, CancellationToken cancellationToken)
    {
        string? name = null;
        if (cmd.AssigneeUserId is { Length: > 0 } userId)
        {
            // Only a caseworker or the DPO of the organisation that holds the case (the actor's own: cases are scoped to it).
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var staff = actor.OrganisationId is { } organisationId ? await AssignableStaffList.ForAsync(db, organisationId, cancellationToken) : [];
            name = staff.SingleOrDefault(s => s.UserId == userId)?.Name
                   ?? throw new DomainRuleException("Choose a caseworker or the DPO of your organisation.");
        }

        return await cases.ApplyAsync(cmd, (r, ctx) => r.AssignTo(cmd.AssigneeUserId, name, ctx), cancellationToken);
    }
}
