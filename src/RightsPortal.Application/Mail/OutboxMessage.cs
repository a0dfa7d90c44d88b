namespace RightsPortal.Application.Mail;

/// <summary>
/// One email waiting to go, or sent: written in the same transaction as the change that causes it (a transactional
/// outbox), so a message is never lost and never sent for a change that was rolled back. The dispatcher sends it at
/// least once; its <see cref="MessageId"/> is stable so a resend is recognisable.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The RFC 5322 Message-ID, fixed when the message is written: "&lt;guid@rightsportal&gt;".</summary>
    public string MessageId { get; set; } = "";

    /// <summary>What the message is for (sign-in code, acknowledgement, extension notice...): templates and figures use it.</summary>
    public string Kind { get; set; } = "";

    public Guid? OrganisationId { get; set; }
    public Guid? RequestId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the dispatcher may next try (now for a new message; later after a failure, with back-off).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, without personal data (the SMTP status or the exception type).</summary>
    public string? LastError { get; set; }

    /// <summary>A new message, due to go now.</summary>
    public static OutboxMessage Create(string kind, string to, string subject, string body, DateTimeOffset now, Guid? organisationId = null, Guid? requestId = null)
    {
        var id = Guid.NewGuid();
        return new OutboxMessage
        {
            Id = id,
            MessageId = $"<{id:N}@rightsportal>",
            Kind = kind,
            To = to,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            NextAttemptAt = now,
            OrganisationId = organisationId,
            RequestId = requestId,
        };
    }
}
