namespace RightsPortal.Web.Infrastructure.Mail;

/// <summary>Settings under "Portal:Mail". Without an SMTP host, mail is written as .eml files into the data directory.</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "no-reply@rightsportal.test";

    /// <summary>Send with SMTP when set; otherwise write .eml files into &lt;data&gt;/mail.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>How often the dispatcher looks for mail that is due.</summary>
    public int PollSeconds { get; set; } = 5;
}
