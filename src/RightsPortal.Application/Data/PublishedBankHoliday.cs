using RightsPortal.Domain.Clock;

namespace RightsPortal.Application.Data;

/// <summary>
/// A bank holiday from a published table (the GOV.UK bank-holidays file, or a one-off added by an administrator).
/// For every year a region has rows for, the table replaces the rules.
/// </summary>
public sealed class PublishedBankHoliday
{
    public long Id { get; set; }
    public HolidayRegion Region { get; set; }
    public DateOnly Date { get; set; }
    public string Title { get; set; } = "";
}
