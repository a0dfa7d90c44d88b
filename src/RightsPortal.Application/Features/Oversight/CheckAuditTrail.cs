using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>
/// One check of the audit trail's hash chain as the DPO sees it. The chain is one for the whole portal, so every DPO
/// sees the same result: a count and a row number, nothing about anyone's case.
/// </summary>
public sealed record AuditCheckView(long Id, DateTimeOffset CheckedAt, string Trigger, string CheckedBy, long RowsChecked, long? FirstBrokenId)
{
    public bool Intact => FirstBrokenId is null;

    public static async Task<AuditCheckView> OfAsync(PortalDb db, AuditChainCheck check, CancellationToken ct)
    {
        var names = await AuditNames.StaffNamesAsync(db, [check.CheckedBy], ct);
        var by = check.CheckedBy == AuditChainChecker.System ? "the daily check" : AuditNames.DescribeActor(check.CheckedBy, names);
        return new AuditCheckView(check.Id, check.CheckedAt, check.Trigger, by, check.RowsChecked, check.FirstBrokenId);
    }
}

/// <summary>"Check the audit trail now": walks the whole chain and records the result (audited, like every command).</summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record CheckAuditTrailCommand : ICommand<AuditCheckView>;

internal sealed class CheckAuditTrailHandler(AuditChainChecker checker, IDbContextFactory<PortalDb> dbs, ICurrentActor actor)
    : IRequestHandler<CheckAuditTrailCommand, AuditCheckView>
{
    public async Task<AuditCheckView> Handle(CheckAuditTrailCommand command, CancellationToken cancellationToken)
    {
        var check = await checker.CheckAsync(AuditChainChecker.OnDemand, actor.UserId ?? "", cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await AuditCheckView.OfAsync(db, check, cancellationToken);
    }
}

/// <summary>The latest check of the audit trail (daily or on demand); null before the first.</summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record GetLatestAuditCheckQuery : IQuery<AuditCheckView?>;

internal sealed class GetLatestAuditCheckHandler(IDbContextFactory<PortalDb> dbs) : IRequestHandler<GetLatestAuditCheckQuery, AuditCheckView?>
{
    public async Task<AuditCheckView?> Handle(GetLatestAuditCheckQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var latest = await db.AuditChainChecks.AsNoTracking().OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : await AuditCheckView.OfAsync(db, latest, cancellationToken);
    }
}
