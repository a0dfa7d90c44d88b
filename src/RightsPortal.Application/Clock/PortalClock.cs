using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Clock;

/// <summary>
/// The calendars and settings the statutory clock counts on, read from the database: each region's bank holidays
/// (rules, with published years taking their place) and each organisation's settings and school calendar.
/// Holiday calendars are cached until an import changes them.
/// </summary>
public sealed class PortalClock(IDbContextFactory<PortalDb> dbs)
{
    private readonly ConcurrentDictionary<HolidayRegion, HolidayCalendar> calendars = new();

    public async Task<HolidayCalendar> HolidaysAsync(HolidayRegion region, CancellationToken ct)
    {
        if (calendars.TryGetValue(region, out var cached)) return cached;

        // Two callers may both load at first use; they read the same table, so either result is right.
        await using var db = await dbs.CreateDbContextAsync(ct);
        return calendars.GetOrAdd(region, await LoadHolidaysAsync(db, region, ct));
    }

    /// <summary>Reads a region's calendar through the given context (inside its transaction), bypassing the cache.</summary>
    public static async Task<HolidayCalendar> LoadHolidaysAsync(PortalDb db, HolidayRegion region, CancellationToken ct)
    {
        var published = await db.PublishedBankHolidays.AsNoTracking().Where(h => h.Region == region).Select(h => h.Date).ToListAsync(ct);
        return HolidayCalendar.For(region).WithPublishedYears(published);
    }

    /// <summary>Forget cached calendars after the published table changed.</summary>
    public void Invalidate() => calendars.Clear();

    public async Task<DeadlineCalculator> CalculatorAsync(HolidayRegion region, CancellationToken ct) => new(await HolidaysAsync(region, ct));

    /// <summary>An organisation's clock settings, with its school calendar, by id or by short code.</summary>
    /// <remarks>With <paramref name="uncached"/>, holidays are read through <paramref name="db"/> itself, so a transaction's own changes count.</remarks>
    public async Task<(ClockSettings Settings, DeadlineCalculator Calculator)> ForOrganisationAsync(PortalDb db, Guid organisationId, CancellationToken ct, bool uncached = false)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.SchoolTerms).Include(o => o.InsetDays).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw new NotFoundException("organisation");
        var holidays = uncached ? await LoadHolidaysAsync(db, organisation.HolidayRegion, ct) : await HolidaysAsync(organisation.HolidayRegion, ct);
        return (organisation.ClockSettings(holidays), new DeadlineCalculator(holidays));
    }
}
