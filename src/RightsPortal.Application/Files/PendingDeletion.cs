namespace RightsPortal.Application.Files;

/// <summary>What kind of thing outside the database a <see cref="PendingDeletion"/> removes.</summary>
public enum PendingDeletionKind
{
    /// <summary>An encrypted file in the files folder, named by its stored name.</summary>
    StoredFile,

    /// <summary>The copy of a sent email kept outside the database (an .eml file), named by the outbox message id.</summary>
    SentMailCopy,
}

/// <summary>
/// A file outside the database that must go, written in the same transaction that destroys the rows pointing at it.
/// The file is deleted after the commit and then this row; a crash in between leaves the row, so the next retention
/// sweep finishes the job. Nothing is deleted from disk for a destruction that rolled back.
/// </summary>
public sealed class PendingDeletion
{
    public long Id { get; set; }
    public PendingDeletionKind Kind { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
