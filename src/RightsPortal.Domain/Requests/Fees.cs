using System.Globalization;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>T9: the only grounds on which a reasonable fee may be charged (requests are normally free).</summary>
public enum FeeBasis
{
    ManifestlyUnfounded,
    ManifestlyExcessive,

    /// <summary>Further copies of data already provided (access requests only).</summary>
    FurtherCopies,
}

public sealed partial class RightsRequest
{
    public FeeBasis? FeeBasis { get; private set; }
    public decimal? FeeAmount { get; private set; }
    public string? FeeReason { get; private set; }
    public DateOnly? FeeRequestedOn { get; private set; }
    public DateOnly? FeePaidOn { get; private set; }

    /// <summary>The most the portal accepts as a fee: anything near it is unlikely to be "reasonable".</summary>
    public const decimal FeeCeiling = 500m;

    public static string FeeBasisName(FeeBasis basis) => basis switch
    {
        Requests.FeeBasis.ManifestlyUnfounded => "the request is manifestly unfounded",
        Requests.FeeBasis.ManifestlyExcessive => "the request is manifestly excessive",
        Requests.FeeBasis.FurtherCopies => "further copies were asked for",
        _ => basis.ToString(),
    };

    /// <summary>
    /// T9: ask for a reasonable fee, based on the administrative cost. Nothing more is done until it arrives; the clock
    /// then starts again from the day it arrived (T2).
    /// </summary>
    public void RequestFee(FeeBasis basis, decimal amount, string reason, CaseContext ctx)
    {
        Require(CaseAction.RequestFee, "A fee can only be asked for while the request is being worked on, after the identity check.");
        if (basis == Requests.FeeBasis.FurtherCopies && Right is not (Right.Access or Right.EducationalRecord))
        {
            throw new DomainRuleException("A fee for further copies applies only to requests to see records.");
        }

        if (amount <= 0) throw new DomainRuleException("Give the fee in pounds: more than £0.");
        if (amount > FeeCeiling) throw new DomainRuleException($"A fee must be reasonable and based on the administrative cost: more than £{FeeCeiling:0} is not accepted.");
        if (decimal.Round(amount, 2) != amount) throw new DomainRuleException("Give the fee in pounds and pence.");
        var why = Reason(reason, "Say why the request is manifestly unfounded or excessive, or which copies were asked for, and how the fee was worked out.");
        FeeBasis = basis;
        FeeAmount = amount;
        FeeReason = why;
        FeeRequestedOn = ctx.Today;
        FeePaidOn = null;
        Status = RequestStatus.AwaitingFee;
        Record(ctx, "Fee requested", $"{Money(amount)}, because {FeeBasisName(basis)}: {why.TrimEnd('.')}. Nothing more is done until it arrives; the clock then starts again.");
    }

    /// <summary>T2: the fee arrived; the clock starts again from that day.</summary>
    public void RecordFeePaid(DateOnly paidOn, CaseContext ctx)
    {
        Require(CaseAction.RecordFeePaid, "No fee is awaited, so there is no payment to record.");
        if (paidOn < FeeRequestedOn) throw new DomainRuleException("The fee cannot have arrived before it was asked for.");
        Restart(paidOn, ctx);
        FeePaidOn = paidOn;
        Status = RequestStatus.InProgress;
        Record(ctx, "Fee received", $"{Money(FeeAmount!.Value)} arrived on {UkDates.Short(paidOn)}; the clock runs from {UkDates.Short(StartOn)}.");
    }

    /// <summary>The organisation decided not to charge after all: work carries on, the deadline unchanged.</summary>
    public void WaiveFee(string reason, CaseContext ctx)
    {
        Require(CaseAction.WaiveFee, "No fee is awaited, so there is nothing to waive.");
        var why = Reason(reason, "Say why the fee is no longer asked for.");
        FeeBasis = null;
        FeeAmount = null;
        FeeReason = null;
        FeeRequestedOn = null;
        Status = RequestStatus.InProgress;
        Record(ctx, "Fee waived", $"{why.TrimEnd('.')}. The legal limit stays {UkDates.Short(DueOn)}.");
    }

    private static string Money(decimal amount) => amount.ToString("£0.00", CultureInfo.InvariantCulture);
}
