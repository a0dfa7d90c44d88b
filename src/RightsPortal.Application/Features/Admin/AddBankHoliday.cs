using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Features.Admin;

/// <summary>
/// An administrator adds a one-off bank holiday announced by proclamation (a jubilee, a state funeral). The year's
/// existing holidays are kept: a year without a published list gets its rule-based days written first.
/// </summary>
[RequiresRole(Roles.Administrator)]
public sealed record AddBankHolidayCommand(HolidayRegion Region, DateOnly Date, string Title) : ICommand<int>;

public sealed class AddBankHolidayValidator : AbstractValidator<AddBankHolidayCommand>
{
    public AddBankHolidayValidator()
    {
        RuleFor(c => c.Region).IsInEnum();
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the holiday's name, as the proclamation does.")
            .MaximumLength(200).WithMessage("The name must be 200 characters or fewer.");
        RuleFor(c => c.Date).Must(d => d.Year is >= 1995 and <= 2100).WithMessage("Give a date between 1995 and 2100.")
            .Must(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).WithMessage("A bank holiday cannot fall on a Saturday or Sunday.");
    }
}

internal sealed class AddBankHolidayHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock) : IRequestHandler<AddBankHolidayCommand, int>
{
    public async Task<int> Handle(AddBankHolidayCommand command, CancellationToken cancellationToken)
    {
        var calendar = await portalClock.HolidaysAsync(command.Region, cancellationToken);
        if (calendar.IsHoliday(command.Date))
        {
            throw new DomainRuleException($"{UkDates.Short(command.Date)} is already a bank holiday.");
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var year = command.Date.Year;
        var published = await db.PublishedBankHolidays.AnyAsync(h => h.Region == command.Region && h.Date.Year == year, cancellationToken);
        if (!published)
        {
            // Published years replace the rules, so the year's other holidays must be written down too.
            db.PublishedBankHolidays.AddRange(calendar.HolidaysIn(year).Select(d => new PublishedBankHoliday { Region = command.Region, Date = d, Title = "Bank holiday" }));
        }

        db.PublishedBankHolidays.Add(new PublishedBankHoliday { Region = command.Region, Date = command.Date, Title = command.Title.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        var recounted = await OpenRequests.RecountAsync(db, portalClock, [command.Region], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        portalClock.Invalidate(); // only now can other connections see the new table
        return recounted;
    }
}
