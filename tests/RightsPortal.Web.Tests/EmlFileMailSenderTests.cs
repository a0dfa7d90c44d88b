using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Mail;
using RightsPortal.Web.Infrastructure.Mail;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The .eml copies of sent emails: the retention sweep deletes a destroyed email's copy through
/// <see cref="ISentMailCopies"/>, which without an SMTP server is the same <see cref="EmlFileMailSender"/> that wrote it.
/// </summary>
public sealed class EmlFileMailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly string root = Path.Combine(Path.GetTempPath(), "rightsportal-eml-" + Guid.NewGuid().ToString("N"));

    private string MailDirectory => Path.Combine(root, "mail");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private EmlFileMailSender Sender() => new(MailDirectory, Options.Create(new MailOptions { From = "no-reply@rightsportal.test" }));

    private static OutboxMessage Message(string to, DateTimeOffset createdAt) =>
        OutboxMessage.Create(MailKinds.Acknowledgement, to, "We have received your request (STK-2026-000001)", "Hello,\n\nYour reference is STK-2026-000001.", createdAt);

    private string[] EmlFiles() => Directory.GetFiles(MailDirectory).Select(Path.GetFileName).Select(n => n!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Delete_removes_only_that_messages_eml_file()
    {
        var sender = Sender();
        var kept = Message("kept.parent@example.org", Now);
        var destroyed = Message("destroyed.parent@example.org", Now.AddHours(-30)); // another send time: the name differs before the id
        await sender.SendAsync(kept, CancellationToken.None);
        await sender.SendAsync(destroyed, CancellationToken.None);
        Assert.Equal(2, EmlFiles().Length);

        sender.Delete(destroyed.Id);

        var left = Assert.Single(EmlFiles());
        Assert.EndsWith($"-{kept.Id:N}.eml", left, StringComparison.Ordinal);
        Assert.Contains("kept.parent@example.org", await File.ReadAllTextAsync(Path.Combine(MailDirectory, left)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_a_resent_messages_copy_whatever_its_send_time()
    {
        var sender = Sender();
        var message = Message("pat.testparent@example.org", Now);
        var other = Message("other.parent@example.org", Now);
        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(other, CancellationToken.None);
        // A copy of the same message under an older time-stamp (as if written before its CreatedAt was corrected).
        File.Copy(Path.Combine(MailDirectory, $"20260302-100000-{message.Id:N}.eml"), Path.Combine(MailDirectory, $"20250101-000000-{message.Id:N}.eml"));
        Assert.Equal(3, EmlFiles().Length);

        sender.Delete(message.Id);

        Assert.Equal([$"20260302-100000-{other.Id:N}.eml"], EmlFiles());
    }

    [Fact]
    public async Task Deleting_again_or_deleting_an_unknown_id_does_not_throw()
    {
        var sender = Sender();
        var kept = Message("kept.parent@example.org", Now);
        var destroyed = Message("destroyed.parent@example.org", Now);
        await sender.SendAsync(kept, CancellationToken.None);
        await sender.SendAsync(destroyed, CancellationToken.None);

        sender.Delete(destroyed.Id);
        sender.Delete(destroyed.Id); // already gone
        sender.Delete(Guid.NewGuid()); // never sent
        sender.Delete(Guid.Empty);

        Assert.Equal([$"20260302-100000-{kept.Id:N}.eml"], EmlFiles());
    }

    [Fact]
    public void Delete_when_the_mail_directory_does_not_exist_does_not_throw_or_create_it()
    {
        var sender = Sender();
        Assert.False(Directory.Exists(MailDirectory));

        sender.Delete(Guid.NewGuid());

        Assert.False(Directory.Exists(MailDirectory));
    }

    [Fact]
    public void Without_an_SMTP_host_the_same_eml_writer_is_the_mail_sender_and_the_sent_mail_copies()
    {
        using var provider = MailServices(smtpHost: null);

        var sender = provider.GetRequiredService<IMailSender>();
        var eml = Assert.IsType<EmlFileMailSender>(sender);
        var copies = Assert.Single(provider.GetServices<ISentMailCopies>());
        Assert.Same(sender, copies);
        Assert.Same(eml, provider.GetRequiredService<EmlFileMailSender>());
        Assert.Equal(Path.Combine(root, "mail"), eml.MailDirectory);
    }

    [Fact]
    public void With_an_SMTP_host_copies_left_in_the_mail_folder_from_before_are_still_deleted()
    {
        var collection = MailCollection(smtpHost: "smtp.example.test");
        using var provider = collection.BuildServiceProvider();

        Assert.IsType<SmtpMailSender>(provider.GetRequiredService<IMailSender>());
        var copies = Assert.IsType<EmlFileMailSender>(Assert.Single(provider.GetServices<ISentMailCopies>()));
        Assert.Equal(Path.Combine(root, "mail"), copies.MailDirectory);
    }

    private ServiceProvider MailServices(string? smtpHost) => MailCollection(smtpHost).BuildServiceProvider();

    private ServiceCollection MailCollection(string? smtpHost)
    {
        var settings = new Dictionary<string, string?> { ["Portal:Mail:From"] = "no-reply@rightsportal.test" };
        if (smtpHost is not null)
        {
            settings["Portal:Mail:SmtpHost"] = smtpHost;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPortalMail(configuration, root);
        return collection;
    }
}
