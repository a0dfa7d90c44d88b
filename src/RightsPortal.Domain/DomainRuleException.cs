namespace RightsPortal.Domain;

/// <summary>A rule of the law or of the service refused an action; the message is a sentence a caseworker or family understands.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
