using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;

namespace RightsPortal.Application.Features.Settings;

/// <summary>The DPO's view of how their organisation's clock counts, with its school calendar.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record GetClockSettingsQuery : IQuery<ClockSettingsView>;

public sealed record ClockSettingsView(
    string OrganisationName,
    HolidayRegion HolidayRegion,
    PauseReading PauseReading,
    ComplaintReading ComplaintReading,
    int? InternalTargetDays,
    bool InternalTargetInWorkingDays,
    IReadOnlyList<TermView> Terms,
    IReadOnlyList<DateOnly> InsetDays);

public sealed record TermView(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn);

internal sealed class GetClockSettingsHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetClockSettingsQuery, ClockSettingsView>
{
    public async Task<ClockSettingsView> Handle(GetClockSettingsQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var o = await db.Organisations.AsNoTracking().Include(x => x.SchoolTerms).Include(x => x.InsetDays).AsSplitQuery()
            .SingleAsync(x => x.Id == organisationId, cancellationToken);
        return new ClockSettingsView(o.Name, o.HolidayRegion, o.PauseReading, o.ComplaintReading, o.InternalTargetDays, o.InternalTargetInWorkingDays,
            [.. o.SchoolTerms.OrderBy(t => t.StartsOn).Select(t => new TermView(t.Id, t.Name, t.StartsOn, t.EndsOn))],
            [.. o.InsetDays.Select(d => d.Date).Order()]);
    }
}
