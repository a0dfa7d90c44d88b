namespace RightsPortal.Domain.Clock;

/// <summary>A computed statutory date with the plain-English reasons for it, one line per rule applied.</summary>
public sealed record DueDate(DateOnly Date, IReadOnlyList<string> Explanation);
