using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;

namespace RightsPortal.Web.Infrastructure.Mail;

/// <summary>Sends through the configured SMTP server (Portal:Mail:SmtpHost) with MailKit; one connection per message.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        client.Timeout = 30_000;

        // TLS when the server offers it; a relay inside the council's network may not.
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Portal:Mail:SmtpHost is not set."), settings.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", ct);
        }

        await client.SendAsync(OutboxMime.ToMime(message, settings.From), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
