using RightsPortal.Application.Mail;

namespace RightsPortal.Web.Infrastructure.Mail;

public static class MailSetup
{
    /// <summary>The outbox dispatcher with SMTP when Portal:Mail:SmtpHost is set, else .eml files in &lt;data&gt;/mail.</summary>
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<MailOptions>(configuration.GetSection("Portal:Mail"));
        services.Configure<MailLinkOptions>(o => o.PublicBaseUrl = configuration["Portal:PublicBaseUrl"] is { Length: > 0 } url ? url : MailLinkOptions.DefaultPublicBaseUrl);
        var mailDirectory = Path.Combine(dataDirectory, "mail");
        if (string.IsNullOrWhiteSpace(configuration["Portal:Mail:SmtpHost"]))
        {
            services.AddSingleton(sp => new EmlFileMailSender(mailDirectory, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>()));
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<EmlFileMailSender>());
            services.AddSingleton<ISentMailCopies>(sp => sp.GetRequiredService<EmlFileMailSender>());
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();

            // Copies written to the mail folder before SMTP was set up are still the portal's to destroy.
            services.AddSingleton<ISentMailCopies>(sp => new EmlFileMailSender(mailDirectory, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>()));
        }

        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
        return services;
    }
}
