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

/// <summary>The DPO chooses how their organisation's clock counts where the law leaves room; open requests are recounted.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record UpdateClockSettingsCommand(
    HolidayRegion HolidayRegion,
    PauseReading PauseReading,
    ComplaintReading ComplaintReading,
    int? InternalTargetDays,
    bool InternalTargetInWorkingDays) : ICommand<int>;

public sealed class UpdateClockSettingsValidator : AbstractValidator<UpdateClockSettingsCommand>
{
    public UpdateClockSettingsValidator()
    {
        RuleFor(c => c.HolidayRegion).IsInEnum();
        RuleFor(c => c.PauseReading).IsInEnum();
        RuleFor(c => c.ComplaintReading).IsInEnum();
        RuleFor(c => c.InternalTargetDays).InclusiveBetween(1, 30)
            .When(c => c.InternalTargetDays is not null)
            .WithMessage("An internal target is between 1 and 30 days: it must come before the one-month legal limit.");
        RuleFor(c => c.InternalTargetDays).LessThanOrEqualTo(20).When(c => c.InternalTargetInWorkingDays && c.InternalTargetDays is not null)
            .WithMessage("20 working days is the longest internal target that always falls before the legal limit.");
    }
}

internal sealed class UpdateClockSettingsHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<UpdateClockSettingsCommand, int>
{
    public async Task<int> Handle(UpdateClockSettingsCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        return await OpenRequests.ChangeAndRecountAsync(dbs, portalClock, organisationId, async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, cancellationToken);
            organisation.HolidayRegion = command.HolidayRegion;
            organisation.PauseReading = command.PauseReading;
            organisation.ComplaintReading = command.ComplaintReading;
            organisation.InternalTargetDays = command.InternalTargetDays;
            organisation.InternalTargetInWorkingDays = command.InternalTargetInWorkingDays;
        }, strict: true, cancellationToken);
    }
}
