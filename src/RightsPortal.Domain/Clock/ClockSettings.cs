namespace RightsPortal.Domain.Clock;

/// <summary>An organisation's choices where the law leaves room, with the calendars its clock counts on.</summary>
public sealed record ClockSettings(
    HolidayCalendar Holidays,
    PauseReading PauseReading = PauseReading.Statutory,
    ComplaintReading ComplaintReading = ComplaintReading.Statutory,
    InternalTarget? InternalTarget = null,
    SchoolCalendar? SchoolCalendar = null)
{
    public static ClockSettings Default { get; } = new(HolidayCalendar.EnglandAndWales);
}
