using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Web.Infrastructure.Mail;

namespace RightsPortal.Web.Tests;

/// <summary>
/// Issue 5, mail: the dispatcher against a real SMTP conversation (a listener started by the test), with the clock
/// faked so back-off times are exact; and the .eml writer used when no SMTP server is configured.
/// </summary>
#pragma warning disable CA1001 // xunit disposes through IAsyncLifetime.DisposeAsync
public sealed class MailDispatcherTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider clock = new(Now);
    private readonly TestSmtpServer smtp = new();
    private readonly Logs logs = new();
    private ServiceProvider services = null!;

    private IDbContextFactory<PortalDb> Dbs => services.GetRequiredService<IDbContextFactory<PortalDb>>();

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        services = new ServiceCollection().AddLogging().AddPortalDatabase(connection).BuildServiceProvider();
        await using var db = await Dbs.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await connection.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private IOptions<MailOptions> SmtpOptions() =>
        Options.Create(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, From = "no-reply@rightsportal.test" });

    private MailDispatcher Dispatcher(IMailSender sender) => new(Dbs, sender, clock, SmtpOptions(), logs);

    private MailDispatcher SmtpDispatcher() => Dispatcher(new SmtpMailSender(SmtpOptions()));

    private async Task<OutboxMessage> QueueAsync(DateTimeOffset? createdAt = null, string to = "pat.testparent@example.org")
    {
        var message = OutboxMessage.Create(MailKinds.Acknowledgement, to, "We have received your request (STK-2026-000001)",
            "Hello,\n\nYour reference is STK-2026-000001 – you will hear from us by Thursday 2 April 2026.\n\nStoke-on-Trent City Council", createdAt ?? Now);
        await using var db = await Dbs.CreateDbContextAsync();
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private async Task<OutboxMessage> ReloadAsync(Guid id)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    [Fact]
    public async Task A_due_message_is_sent_over_SMTP_with_its_Message_ID_and_recorded_as_sent()
    {
        var message = await QueueAsync();
        clock.Advance(TimeSpan.FromSeconds(3));

        var sent = await SmtpDispatcher().DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var raw = Assert.Single(smtp.Messages);
        var received = Parse(raw);
        Assert.Equal(message.MessageId, $"<{received.MessageId}>");
        Assert.Contains("Message-Id: " + message.MessageId, raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pat.testparent@example.org", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("no-reply@rightsportal.test", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal(message.Subject, received.Subject);
        Assert.Contains("STK-2026-000001 – you will hear", received.TextBody); // UTF-8 survives
        Assert.Equal(Now, received.Date);

        var stored = await ReloadAsync(message.Id);
        Assert.Equal(clock.GetUtcNow(), stored.SentAt);
        Assert.Null(stored.LastError);
        Assert.DoesNotContain(logs.Messages, l => l.Contains("example.org", StringComparison.Ordinal));

        // Sent once: the next pass has nothing to do.
        Assert.Equal(0, await SmtpDispatcher().DispatchDueAsync(CancellationToken.None));
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Messages_go_oldest_first_and_one_not_yet_due_waits()
    {
        var older = await QueueAsync(Now.AddMinutes(-10), "older@example.org");
        var newer = await QueueAsync(Now.AddMinutes(-5), "newer@example.org");
        var later = await QueueAsync(Now.AddMinutes(10), "later@example.org"); // due in ten minutes

        Assert.Equal(2, await SmtpDispatcher().DispatchDueAsync(CancellationToken.None));

        Assert.Equal(["older@example.org", "newer@example.org"], smtp.Messages.Select(m => Parse(m).To.Mailboxes.Single().Address));
        Assert.NotNull((await ReloadAsync(older.Id)).SentAt);
        Assert.NotNull((await ReloadAsync(newer.Id)).SentAt);
        Assert.Null((await ReloadAsync(later.Id)).SentAt);
    }

    [Fact]
    public async Task A_server_that_answers_451_leaves_the_message_waiting_and_it_is_tried_again_with_back_off()
    {
        smtp.MailFromReply = "451 4.3.0 Try again later";
        var message = await QueueAsync();

        Assert.Equal(0, await SmtpDispatcher().DispatchDueAsync(CancellationToken.None));

        var failed = await ReloadAsync(message.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(Now.AddMinutes(1), failed.NextAttemptAt);
        Assert.Contains("451", failed.LastError);
        Assert.DoesNotContain("example.org", failed.LastError);
        Assert.Empty(smtp.Messages);
        Assert.DoesNotContain(logs.Messages, l => l.Contains("example.org", StringComparison.Ordinal));

        // Not due yet: no connection is made.
        var connections = smtp.Connections;
        clock.Advance(TimeSpan.FromSeconds(59));
        await SmtpDispatcher().DispatchDueAsync(CancellationToken.None);
        Assert.Equal(connections, smtp.Connections);

        // Due again and still refused: five minutes next.
        clock.Advance(TimeSpan.FromSeconds(1));
        await SmtpDispatcher().DispatchDueAsync(CancellationToken.None);
        var again = await ReloadAsync(message.Id);
        Assert.Equal(2, again.Attempts);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), again.NextAttemptAt);

        // The server recovers.
        smtp.MailFromReply = "250 OK";
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await SmtpDispatcher().DispatchDueAsync(CancellationToken.None));
        Assert.NotNull((await ReloadAsync(message.Id)).SentAt);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 30)]
    [InlineData(4, 120)]
    [InlineData(9, 120)]
    public void Back_off_is_1_5_30_minutes_then_2_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), MailDispatcher.BackOff(attempts));

    [Fact]
    public async Task Stopped_between_sending_and_recording_the_next_pass_sends_again_with_the_same_Message_ID()
    {
        var message = await QueueAsync();
        using var stopping = new CancellationTokenSource();
        var sendThenStop = new StopAfterSending(new SmtpMailSender(SmtpOptions()), stopping);

        // The process stops after the server took the message, before the dispatcher recorded it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(sendThenStop).DispatchDueAsync(stopping.Token));
        Assert.Single(smtp.Messages);
        var unrecorded = await ReloadAsync(message.Id);
        Assert.Null(unrecorded.SentAt);
        Assert.Equal(0, unrecorded.Attempts); // not a failure: nothing to back off from

        // After a restart it goes again, recognisably the same message.
        Assert.Equal(1, await SmtpDispatcher().DispatchDueAsync(CancellationToken.None));
        var copies = smtp.Messages.Select(Parse).ToList();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, c => Assert.Equal(message.MessageId, $"<{c.MessageId}>"));
        Assert.NotNull((await ReloadAsync(message.Id)).SentAt);
    }

    [Fact]
    public async Task The_eml_writer_leaves_one_complete_parseable_file_named_for_the_message()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rightsportal-mail-" + Guid.NewGuid().ToString("N"));
        try
        {
            var message = await QueueAsync();
            var sender = new EmlFileMailSender(directory, Options.Create(new MailOptions()));

            Assert.Equal(1, await Dispatcher(sender).DispatchDueAsync(CancellationToken.None));

            var file = Assert.Single(Directory.GetFiles(directory)); // no temporary file left behind
            Assert.Equal($"20260302-100000-{message.Id:N}.eml", Path.GetFileName(file));
            var raw = await File.ReadAllTextAsync(file);
            Assert.Contains("Message-Id: " + message.MessageId, raw, StringComparison.OrdinalIgnoreCase);
            var parsed = await MimeMessage.LoadAsync(file);
            Assert.Equal(message.MessageId, $"<{parsed.MessageId}>");
            Assert.Equal("no-reply@rightsportal.test", parsed.From.Mailboxes.Single().Address);
            Assert.Equal("pat.testparent@example.org", parsed.To.Mailboxes.Single().Address);
            Assert.Equal(message.Subject, parsed.Subject);
            Assert.Equal(Now, parsed.Date);
            Assert.Contains("STK-2026-000001 – you will hear", parsed.TextBody);
            Assert.NotNull((await ReloadAsync(message.Id)).SentAt);

            // A resend (at least once) replaces the same file rather than adding a second.
            await sender.SendAsync(message, CancellationToken.None);
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Sends, then the host stops: the cancellation reaches the dispatcher before it records the send.</summary>
    private sealed class StopAfterSending(IMailSender inner, CancellationTokenSource stopping) : IMailSender
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            await inner.SendAsync(message, ct);
            await stopping.CancelAsync();
        }
    }

    private sealed class Logs : ILogger<MailDispatcher>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}

/// <summary>The web app's own wiring: without an SMTP host, the dispatcher runs and writes .eml files into &lt;data&gt;/mail.</summary>
public sealed class MailWiringTests : IDisposable
{
    private readonly QuickMailPortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task By_default_a_queued_message_becomes_an_eml_file_in_the_data_directory()
    {
        _ = portal.Browser(); // starts the app: migrated, seeded, dispatcher running
        Assert.IsType<EmlFileMailSender>(portal.Services.GetRequiredService<IMailSender>());
        Assert.Contains(portal.Services.GetServices<IHostedService>(), s => s is MailDispatcher);

        var message = OutboxMessage.Create(MailKinds.SignInCode, "pat.testparent@example.org", "Your sign-in code is 123456", "Your sign-in code is: 123456",
            DateTimeOffset.UtcNow);
        await using (var db = portal.Db())
        {
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
        }

        var mailDirectory = Path.Combine(portal.DataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(Directory.Exists(mailDirectory) && Directory.GetFiles(mailDirectory, "*.eml").Length > 0))
        {
            await Task.Delay(200);
        }

        var file = Assert.Single(Directory.GetFiles(mailDirectory, "*.eml"));
        Assert.EndsWith($"-{message.Id:N}.eml", file, StringComparison.Ordinal);
        await using var check = portal.Db();
        Assert.NotNull((await check.Outbox.SingleAsync(m => m.Id == message.Id)).SentAt);
    }

    private sealed class QuickMailPortalFactory : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Mail:PollSeconds", "1");
        }
    }
}
