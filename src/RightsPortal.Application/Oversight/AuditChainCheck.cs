namespace RightsPortal.Application.Oversight;

/// <summary>The result of one walk of the audit trail's hash chain: daily, or when a DPO asks.</summary>
public sealed class AuditChainCheck
{
    public long Id { get; set; }
    public DateTimeOffset CheckedAt { get; set; }

    /// <summary>"daily" or "on demand".</summary>
    public string Trigger { get; set; } = "";

    /// <summary>The staff user id who asked, or "system".</summary>
    public string CheckedBy { get; set; } = "";
    public long RowsChecked { get; set; }

    /// <summary>The last row this check read, and its hash: the next check confirms it is still there, unchanged, so rows
    /// removed from the end of the trail (which leave the rest of the chain intact) are found too.</summary>
    public long? LastRowId { get; set; }

    public string? LastRowHash { get; set; }

    /// <summary>The first row whose hash or link does not match (or the last row an earlier check read, if it is gone or
    /// changed); null when the chain is intact.</summary>
    public long? FirstBrokenId { get; set; }
    public bool Intact => FirstBrokenId is null;
}
