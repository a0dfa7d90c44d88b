using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>What a caseworker can record about who may ask, and on whose authority.</summary>
public enum AuthorityKind
{
    /// <summary>The parent says they have parental responsibility.</summary>
    ParentalResponsibilityDeclared,

    /// <summary>Evidence of parental responsibility was seen (birth certificate, court order, adoption order).</summary>
    ParentalResponsibilityEvidenced,

    /// <summary>A court order restricts what a parent may do or know: what it restricts is recorded.</summary>
    CourtOrder,

    /// <summary>A young person aged 18 or over authorised, in writing, a parent to act for them.</summary>
    YoungPersonWrittenAuthority,

    /// <summary>A deputyship or lasting power of attorney lets someone act for a young person who lacks capacity.</summary>
    DeputyshipOrAttorney,

    /// <summary>An advocate or solicitor's signed authority from the family.</summary>
    RepresentativeSignedAuthority,

    /// <summary>Whether the child understands what the request means (there is no fixed age in England).</summary>
    CompetenceAssessment,
}

/// <summary>One thing recorded about the requester's authority. Append-only, like the timeline.</summary>
public sealed class AuthorityRecord
{
    private AuthorityRecord()
    {
        // For the database mapper.
        Detail = "";
    }

    internal AuthorityRecord(int sequence, AuthorityKind kind, string detail, bool? childIsCompetent, DateOnly recordedOn)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        Kind = kind;
        Detail = detail;
        ChildIsCompetent = childIsCompetent;
        RecordedOn = recordedOn;
    }

    public Guid Id { get; private set; }

    /// <summary>Order of recording on the case (several can share a day).</summary>
    public int Sequence { get; private set; }
    public AuthorityKind Kind { get; private set; }
    public string Detail { get; private set; }

    /// <summary>For a competence assessment: whether the child understands the request.</summary>
    public bool? ChildIsCompetent { get; private set; }

    public DateOnly RecordedOn { get; private set; }

    public static string Describe(AuthorityKind kind) => kind switch
    {
        AuthorityKind.ParentalResponsibilityDeclared => "Parental responsibility declared",
        AuthorityKind.ParentalResponsibilityEvidenced => "Parental responsibility evidenced",
        AuthorityKind.CourtOrder => "Court order restricting a parent",
        AuthorityKind.YoungPersonWrittenAuthority => "Young person's written authority",
        AuthorityKind.DeputyshipOrAttorney => "Deputyship or lasting power of attorney",
        AuthorityKind.RepresentativeSignedAuthority => "Representative's signed authority",
        AuthorityKind.CompetenceAssessment => "Competence assessment",
        _ => kind.ToString(),
    };
}

/// <summary>Where the child stands under the SEND rules on a given day.</summary>
public enum SubjectStage
{
    /// <summary>A child: a parent may act for them (subject to their competence and any court order).</summary>
    Child,

    /// <summary>From the last Friday in June of the school year they turn 16: EHC rights are their own; parents keep parental responsibility.</summary>
    YoungPerson,

    /// <summary>18 or over: a parent needs their written authority (or a deputyship or lasting power of attorney).</summary>
    Adult,
}

/// <summary>The SEND "young person" rules, with today passed in.</summary>
public static class YoungPerson
{
    /// <summary>
    /// The last Friday in June of the school year (1 September to 31 August) in which the child turns 16.
    /// </summary>
    public static DateOnly From(DateOnly dateOfBirth)
    {
        // Turning 16 between 1 September and 31 December falls in the school year that ends the next summer.
        var summer = dateOfBirth.Month >= 9 ? dateOfBirth.Year + 17 : dateOfBirth.Year + 16;
        var day = new DateOnly(summer, 6, 30);
        while (day.DayOfWeek != DayOfWeek.Friday) day = day.AddDays(-1);
        return day;
    }

    /// <summary>The 18th birthday (29 February birthdays: 28 February in other years).</summary>
    public static DateOnly AdultFrom(DateOnly dateOfBirth) => dateOfBirth.AddYears(18);

    public static SubjectStage StageOn(DateOnly dateOfBirth, DateOnly today) =>
        today >= AdultFrom(dateOfBirth) ? SubjectStage.Adult
        : today >= From(dateOfBirth) ? SubjectStage.YoungPerson
        : SubjectStage.Child;
}

/// <summary>Something the caseworker must check about who is asking before going further.</summary>
public sealed record AuthorityWarning(bool Serious, string Text);

public sealed partial class RightsRequest
{
    private List<AuthorityRecord> authorities = [];

    /// <summary>What has been recorded about the requester's relationship and authority, oldest first.</summary>
    public IReadOnlyList<AuthorityRecord> Authorities => authorities;

    /// <summary>Record parental responsibility, a court order, written authority or a competence assessment.</summary>
    public void RecordAuthority(AuthorityKind kind, string detail, bool? childIsCompetent, CaseContext ctx)
    {
        if (Status.IsFinished()) throw new DomainRuleException("The request is finished: there is no authority left to check.");
        var text = Reason(detail, kind switch
        {
            AuthorityKind.CourtOrder => "Say what the court order restricts, and which order it is.",
            AuthorityKind.CompetenceAssessment => "Say how the child's understanding was assessed, and by whom.",
            _ => "Say what was declared or seen, for example the document and its date.",
        });
        if (kind == AuthorityKind.CompetenceAssessment && childIsCompetent is null)
        {
            throw new DomainRuleException("Say whether the child understands what the request means.");
        }

        if (kind != AuthorityKind.CompetenceAssessment && childIsCompetent is not null)
        {
            throw new DomainRuleException("Only a competence assessment records whether the child understands the request.");
        }

        var record = new AuthorityRecord(authorities.Count + 1, kind, text, childIsCompetent, ctx.Today);
        authorities.Add(record);
        var finding = childIsCompetent switch
        {
            true => " The child understands the request: it is theirs to make and they should be asked.",
            false => " The child does not yet understand the request: a parent may act for them.",
            null => "",
        };
        Record(ctx, "Authority recorded", $"{AuthorityRecord.Describe(kind)}: {text}{finding}");
    }

    /// <summary>
    /// What to check about who is asking, today: a young person's own rights, an adult's written authority, a
    /// representative's signed authority, a child's competence, and any court order restricting a parent.
    /// </summary>
    public IReadOnlyList<AuthorityWarning> AuthorityWarnings(DateOnly today)
    {
        var warnings = new List<AuthorityWarning>();
        if (Status.IsFinished()) return warnings;
        var has = (AuthorityKind k) => authorities.Any(a => a.Kind == k);
        var stage = YoungPerson.StageOn(SubjectDateOfBirth, today);
        var parentAsks = RequesterRole == RequesterRole.ParentCarer;

        if (parentAsks && stage == SubjectStage.Adult && !has(AuthorityKind.YoungPersonWrittenAuthority) && !has(AuthorityKind.DeputyshipOrAttorney))
        {
            warnings.Add(new(true, $"{SubjectName} is 18 or over: a parent needs their written authority (or a deputyship or lasting power of attorney) to act for them. Record it before going further."));
        }
        else if (parentAsks && stage == SubjectStage.YoungPerson)
        {
            warnings.Add(new(true, $"{SubjectName} has been a young person since {UkDates.Short(YoungPerson.From(SubjectDateOfBirth))}: their EHC rights are now their own. Check they agree to their parent acting for them."));
        }

        if (parentAsks && stage != SubjectStage.Adult && !has(AuthorityKind.ParentalResponsibilityDeclared) && !has(AuthorityKind.ParentalResponsibilityEvidenced))
        {
            warnings.Add(new(false, "Parental responsibility has not been recorded: record whether it was declared or evidenced."));
        }

        if ((parentAsks || RequesterRole == RequesterRole.Child) && stage == SubjectStage.Child && !has(AuthorityKind.CompetenceAssessment))
        {
            warnings.Add(new(RequesterRole == RequesterRole.Child, RequesterRole == RequesterRole.Child
                ? $"{SubjectName} is asking for themself: record a competence assessment (does the child understand what the request means?). There is no fixed age."
                : $"If {SubjectName} understands what the request means, the rights are theirs: record a competence assessment. There is no fixed age."));
        }

        if (RequesterRole == RequesterRole.Representative && !has(AuthorityKind.RepresentativeSignedAuthority))
        {
            warnings.Add(new(true, "A representative needs the family's signed authority: record it when it arrives, and do not disclose anything before."));
        }

        foreach (var order in authorities.Where(a => a.Kind == AuthorityKind.CourtOrder))
        {
            warnings.Add(new(true, $"A court order restricts a parent: {order.Detail} Check it before disclosing anything to this requester."));
        }

        return warnings;
    }
}
