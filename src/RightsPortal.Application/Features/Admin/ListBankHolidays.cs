using MediatR;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Features.Admin;

/// <summary>The bank holidays the clock uses for a region and year (published where imported, else the rules).</summary>
[RequiresRole(Roles.Administrator, Roles.Dpo, Roles.Caseworker)]
public sealed record ListBankHolidaysQuery(HolidayRegion Region, int Year) : IQuery<IReadOnlyList<DateOnly>>;

internal sealed class ListBankHolidaysHandler(PortalClock portalClock) : IRequestHandler<ListBankHolidaysQuery, IReadOnlyList<DateOnly>>
{
    public async Task<IReadOnlyList<DateOnly>> Handle(ListBankHolidaysQuery query, CancellationToken cancellationToken) =>
        [.. (await portalClock.HolidaysAsync(query.Region, cancellationToken)).HolidaysIn(query.Year)];
}
