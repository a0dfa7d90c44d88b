using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Files;

/// <summary>
/// A file uploaded for a request (ID, authority, evidence) or sent with a response. The bytes live encrypted in the
/// data folder under <see cref="StoredName"/>, outside the web root; only the owning family and the case's
/// organisation can read them.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public UploadKind Kind { get; set; }

    /// <summary>The name shown to people, cleaned of any path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Decided from the file's content (PDF, JPEG, PNG), never from its name.</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }

    /// <summary>The encrypted file's name in the data folder's files directory: a random id, no personal data.</summary>
    public string StoredName { get; set; } = "";

    /// <summary>SHA-256 of the original content, to prove what was received.</summary>
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>"family", or the member of staff's id.</summary>
    public string UploadedBy { get; set; } = "";
}
