using System.Globalization;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;

namespace RightsPortal.Web.Infrastructure.Mail;

/// <summary>
/// The default when no SMTP server is configured: each message becomes &lt;data&gt;/mail/&lt;yyyyMMdd-HHmmss&gt;-&lt;id&gt;.eml,
/// which any mail program opens. Written to a temporary file and then moved, so a half-written file never appears;
/// the name comes from the message, so a resend replaces the same file.
/// </summary>
public sealed class EmlFileMailSender(string mailDirectory, IOptions<MailOptions> options) : IMailSender, ISentMailCopies
{
    public string MailDirectory { get; } = mailDirectory;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(MailDirectory);
        var name = $"{message.CreatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{message.Id:N}.eml";
        var final = Path.Combine(MailDirectory, name);
        var temp = Path.Combine(MailDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await OutboxMime.ToMime(message, options.Value.From).WriteToAsync(file, ct);
                await file.FlushAsync(ct);
            }

            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Deletes the .eml file of a message (any send time: the name ends with the message id).</summary>
    public void Delete(Guid outboxMessageId)
    {
        if (!Directory.Exists(MailDirectory)) return;
        foreach (var file in Directory.EnumerateFiles(MailDirectory, $"*-{outboxMessageId:N}.eml"))
        {
            File.Delete(file);
        }
    }
}
