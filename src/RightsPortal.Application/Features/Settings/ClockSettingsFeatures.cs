using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Admin;
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
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, cancellationToken);
        organisation.HolidayRegion = command.HolidayRegion;
        organisation.PauseReading = command.PauseReading;
        organisation.ComplaintReading = command.ComplaintReading;
        organisation.InternalTargetDays = command.InternalTargetDays;
        organisation.InternalTargetInWorkingDays = command.InternalTargetInWorkingDays;
        await db.SaveChangesAsync(cancellationToken);
        var recounted = await OpenRequests.RecountOrganisationAsync(db, portalClock, organisationId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return recounted;
    }
}

/// <summary>The DPO adds a school term (or half-term block) to their school's calendar.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record AddSchoolTermCommand(string Name, DateOnly StartsOn, DateOnly EndsOn) : ICommand<int>;

public sealed class AddSchoolTermValidator : AbstractValidator<AddSchoolTermCommand>
{
    public AddSchoolTermValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the term, for example Autumn 2027 (first half).").MaximumLength(100);
        RuleFor(c => c.EndsOn).GreaterThanOrEqualTo(c => c.StartsOn).WithMessage("A term must end on or after the day it starts.");
        RuleFor(c => c).Must(c => c.EndsOn.DayNumber - c.StartsOn.DayNumber <= 120).WithName("EndsOn")
            .WithMessage("A term is at most 120 days long: enter each half-term block separately.");
    }
}

internal sealed class AddSchoolTermHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<AddSchoolTermCommand, int>
{
    public async Task<int> Handle(AddSchoolTermCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var overlapping = await db.SchoolTerms.AnyAsync(t => t.OrganisationId == organisationId && t.StartsOn <= command.EndsOn && command.StartsOn <= t.EndsOn, cancellationToken);
        if (overlapping) throw new DomainRuleException("That term overlaps a term already in the calendar.");
        db.SchoolTerms.Add(new SchoolTerm { Id = Guid.NewGuid(), OrganisationId = organisationId, Name = command.Name.Trim(), StartsOn = command.StartsOn, EndsOn = command.EndsOn });
        await db.SaveChangesAsync(cancellationToken);
        var recounted = await OpenRequests.RecountOrganisationAsync(db, portalClock, organisationId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return recounted;
    }
}

/// <summary>The DPO removes a term entered by mistake.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record RemoveSchoolTermCommand(Guid TermId) : ICommand<int>;

internal sealed class RemoveSchoolTermHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<RemoveSchoolTermCommand, int>
{
    public async Task<int> Handle(RemoveSchoolTermCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var term = await db.SchoolTerms.SingleOrDefaultAsync(t => t.Id == command.TermId && t.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("term");
        db.SchoolTerms.Remove(term);
        await db.SaveChangesAsync(cancellationToken);
        var recounted = await OpenRequests.RecountOrganisationAsync(db, portalClock, organisationId, cancellationToken, strict: false);
        await tx.CommitAsync(cancellationToken);
        return recounted;
    }
}

/// <summary>The DPO marks (or unmarks) an INSET day: a staff training day in term that is not a school day.</summary>
[RequiresRole(Roles.Dpo)]
public sealed record ToggleInsetDayCommand(DateOnly Date) : ICommand<bool>;

internal sealed class ToggleInsetDayHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock)
    : IRequestHandler<ToggleInsetDayCommand, bool>
{
    public async Task<bool> Handle(ToggleInsetDayCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.InsetDays.SingleOrDefaultAsync(d => d.OrganisationId == organisationId && d.Date == command.Date, cancellationToken);
        if (existing is null)
        {
            if (!await db.SchoolTerms.AnyAsync(t => t.OrganisationId == organisationId && t.StartsOn <= command.Date && command.Date <= t.EndsOn, cancellationToken))
            {
                throw new DomainRuleException("An INSET day must fall inside a term: days outside term are not school days anyway.");
            }

            db.InsetDays.Add(new InsetDay { Id = Guid.NewGuid(), OrganisationId = organisationId, Date = command.Date });
        }
        else
        {
            db.InsetDays.Remove(existing);
        }

        await db.SaveChangesAsync(cancellationToken);
        await OpenRequests.RecountOrganisationAsync(db, portalClock, organisationId, cancellationToken, strict: false);
        await tx.CommitAsync(cancellationToken);
        return existing is null;
    }
}
