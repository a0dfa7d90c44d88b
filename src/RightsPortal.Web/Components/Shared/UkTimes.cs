using System.Globalization;
using RightsPortal.Application;

namespace RightsPortal.Web.Components.Shared;

/// <summary>Instants shown to staff in UK local time: "Mon 23 Nov 2026, 10:05".</summary>
public static class UkTimes
{
    public static string Short(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, UkTime.Zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
