using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;

namespace RightsPortal.Web.Infrastructure.Mail;

/// <summary>
/// Sends the outbox: every few seconds, the due unsent messages (oldest first, 20 at a time), each recorded as sent
/// straight after it went. Delivery is at least once: if the process stops between sending and recording, the next
/// pass sends the message again with the same Message-ID, so the receiving side can recognise the repeat. A failure
/// waits longer each time (1, 5, 30 minutes, then every 2 hours) and is shown to administrators.
/// </summary>
public sealed class MailDispatcher(
    IDbContextFactory<PortalDb> dbs,
    IMailSender sender,
    TimeProvider clock,
    IOptions<MailOptions> options,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 20;

    /// <summary>How long to wait after the given number of failed attempts.</summary>
    public static TimeSpan BackOff(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(30),
        _ => TimeSpan.FromHours(2),
    };

    /// <summary>One pass: send what is due now. Returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.CreatedAt)
            .Take(BatchSize)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await sender.SendAsync(message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.Attempts++;
                message.NextAttemptAt = clock.GetUtcNow() + BackOff(message.Attempts);
                message.LastError = Describe(ex);
                await db.SaveChangesAsync(ct);
                logger.LogWarning("Mail {MessageId} ({Kind}) not sent, attempt {Attempts}: {Error}", message.Id, message.Kind, message.Attempts, message.LastError);
                continue;
            }

            // Recorded one by one: stopping mid-batch resends at most the message in hand.
            message.SentAt = clock.GetUtcNow();
            message.LastError = null;
            await db.SaveChangesAsync(ct);
            sent++;
            logger.LogInformation("Mail {MessageId} ({Kind}) sent", message.Id, message.Kind);
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The type only: an exception message can carry an address.
                logger.LogError("Mail dispatch pass failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What went wrong, without personal data: the SMTP status, or the kind of failure.</summary>
    internal static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.StatusCode} ({smtp.ErrorCode})",
        SmtpProtocolException => "SMTP protocol error",
        _ => ex.GetType().Name,
    };
}
