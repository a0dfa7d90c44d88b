using MimeKit;
using RightsPortal.Application.Mail;

namespace RightsPortal.Web.Infrastructure.Mail;

/// <summary>Hands one outbox message on (an SMTP server, or a file). Throws when it could not; the dispatcher retries.</summary>
public interface IMailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>The one way an outbox row becomes an RFC 5322 message, so every sender writes the same headers.</summary>
public static class OutboxMime
{
    public static MimeMessage ToMime(OutboxMessage message, string from)
    {
        var mime = new MimeMessage
        {
            // The stored id keeps its angle brackets; MimeKit adds them when it writes the header.
            MessageId = message.MessageId.Trim('<', '>'),
            Date = message.CreatedAt,
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (mime.Body is TextPart text)
        {
            text.ContentType.Charset = "utf-8";
        }

        return mime;
    }
}
