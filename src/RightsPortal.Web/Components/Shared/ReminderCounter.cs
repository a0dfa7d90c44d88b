namespace RightsPortal.Web.Components.Shared;

/// <summary>
/// Tells the menu's reminder count to look again after a reminder is marked as read. One per circuit (scoped), so
/// one person's pages never hear about another's.
/// </summary>
public sealed class ReminderCounter
{
    public event Func<Task>? Changed;

    public Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
