namespace RightsPortal.Application;

/// <summary>T1: dates are UK-local calendar dates (Europe/London), whatever the server's zone.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly UkToday(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The UK calendar date an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
}
