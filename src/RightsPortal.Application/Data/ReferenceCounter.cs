namespace RightsPortal.Application.Data;

/// <summary>The last reference sequence issued by an organisation in a year.</summary>
public sealed class ReferenceCounter
{
    public Guid OrganisationId { get; set; }
    public int Year { get; set; }
    public int LastSequence { get; set; }
}
