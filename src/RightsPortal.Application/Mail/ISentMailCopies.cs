namespace RightsPortal.Application.Mail;

/// <summary>
/// Copies of sent emails the portal keeps outside its database (the .eml files written when no SMTP server is set).
/// The retention sweep deletes a copy when the outbox copy of the same message is destroyed.
/// </summary>
public interface ISentMailCopies
{
    /// <summary>Deletes the copy of the message, if there is one; deleting a copy already gone is not an error.</summary>
    void Delete(Guid outboxMessageId);
}
