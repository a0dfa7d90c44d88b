using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Tests;

/// <summary>Cases, holds and settings for the retention tests, built by hand.</summary>
internal static class RetentionCases
{
    public static readonly Guid Organisation = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly ChildKey Sam = ChildKey.Of("Sam Example", new DateOnly(2012, 5, 4));
    public static readonly DateTimeOffset Morning = new(2026, 3, 31, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A rights-request case about Sam, closed on the given day (or open when <paramref name="closedOn"/> is null).</summary>
    public static CaseRetentionFacts Closed(DateOnly? closedOn, Right right = Right.Access, DateOnly? lastContactOn = null, Guid? id = null) => new(
        id ?? Guid.NewGuid(),
        "STK-2020-000001",
        right,
        closedOn is null ? RequestStatus.InProgress : RequestStatus.Closed,
        closedOn,
        lastContactOn,
        IdentityDecidedOn: null,
        HasIdentityDocuments: false,
        Sam);

    public static IReadOnlyList<DueItem> Due(CaseRetentionFacts facts, DateOnly today, RetentionSettings? settings = null, IEnumerable<LegalHold>? holds = null,
        IEnumerable<RelatedCase>? others = null, IEnumerable<RetentionReview>? reviews = null) =>
        RetentionDue.ForCase(facts, settings ?? RetentionSettings.Defaults, holds ?? [], others ?? [], reviews ?? [], today);

    /// <summary>The organisation's own schedule line for a portal record.</summary>
    public static RetentionSettings Schedule(string recordType, int years, int months, RetentionAction action, bool leapDayToFirstMarch = false) =>
        new([new RetentionRule { RecordType = recordType, Trigger = RetentionTrigger.Closure, Years = years, Months = months, Action = action }], leapDayToFirstMarch);

    public static LegalHold HoldOnCase(Guid requestId) =>
        LegalHold.OnCase(Organisation, requestId, LegalHoldKind.IcoInvestigation, "ICO case IC-123456-A7B8 about the response", "dpo@council.example", Morning);
}
