using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.ScaleBenchmarks;

/// <summary>
/// One request's life, made with the real domain model from a seeded random source. Requests received more than about
/// two months before today are finished (most answered on time, some late, a few withdrawn); recent ones are open in
/// every state the queue shows. Names and addresses are invented and numbered, never real.
/// </summary>
internal static class RequestStory
{
    private static readonly Right[] Rights = [Right.Access, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection,
        Right.Portability, Right.AutomatedDecision, Right.Complaint];

    private static readonly double[] RightWeights = [0.72, 0.08, 0.05, 0.02, 0.03, 0.02, 0.01, 0.07];

    private static readonly Channel[] Channels = [Channel.WebForm, Channel.Email, Channel.Letter, Channel.Phone, Channel.InPerson, Channel.SocialMedia];

    private static readonly double[] ChannelWeights = [0.55, 0.25, 0.12, 0.04, 0.03, 0.01];

    private static long serial;

    /// <summary>The law allowing clarification pauses began on 5 Feb 2026 (the domain refuses earlier pauses).</summary>
    private static readonly DateOnly PausesAllowedFrom = new(2026, 2, 5);

    public static RightsRequest Create(Random random, OrgData org, string reference, DateOnly receivedOn, DateOnly today)
    {
        var n = Interlocked.Increment(ref serial);
        var right = Pick(random, Rights, RightWeights);
        if (right == Right.Access && org.Organisation.Kind == Domain.Organisations.OrganisationKind.MaintainedSchool && random.NextDouble() < 0.3)
        {
            right = Right.EducationalRecord;
        }

        var role = right == Right.EducationalRecord ? RequesterRole.ParentCarer
            : random.NextDouble() switch { < 0.8 => RequesterRole.ParentCarer, < 0.9 => RequesterRole.YoungPerson, < 0.95 => RequesterRole.Representative, _ => RequesterRole.Child };
        var born = receivedOn.AddYears(-random.Next(4, 19)).AddDays(-random.Next(365));
        var categories = org.Categories.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(4, org.Categories.Count) + 1)).ToList();
        var channel = Pick(random, Channels, ChannelWeights);
        var at = new DateTimeOffset(receivedOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        RightsRequest Receive(Right asked) => RightsRequest.Receive(org.Organisation.Id, reference, Guid.NewGuid(), asked, channel,
            new RequestParties(role, $"Requester {n}", $"requester{n}@example.org", $"Child {n}", born, "Example School"),
            categories, asked == Right.Access ? "Reports and letters" : null, receivedOn, at, receivedOn, org.Calculator, org.Settings,
            channel == Channel.WebForm ? null : "caseworker");

        RightsRequest request;
        try
        {
            request = Receive(right);
        }
        catch (DomainRuleException) when (right == Right.EducationalRecord)
        {
            // The demo school's calendar covers recent years only: earlier parents' requests are counted as access requests.
            right = Right.Access;
            request = Receive(right);
        }

        var day = receivedOn;
        CaseContext Ctx(DateOnly on) => new("caseworker", new DateTimeOffset(on.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero), on, org.Calculator, org.Settings);
        bool Reached(DateOnly on) => on <= today;

        // The identity check: most need none; a third are asked for ID, which arrives days later (the clock restarts).
        day = day.AddDays(random.Next(0, 3));
        if (!Reached(day)) return request;
        if (random.NextDouble() < 0.3)
        {
            request.RequestIdentity("The address given is not one we hold.", Ctx(day));
            var arrives = day.AddDays(random.Next(2, 15));
            if (!Reached(arrives)) return request;
            day = arrives;
            request.RecordIdentityReceived(day, Ctx(day));
        }
        else
        {
            request.ProceedWithoutIdentity("The details match our records.", Ctx(day));
        }

        // Searches of one or two of the organisation's services, due a week before the legal limit.
        var services = org.Services.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
        var tasks = new List<(Guid Id, DateOnly Answer)>();
        foreach (var service in services)
        {
            var due = request.DueOn.AddDays(-7) < day ? day : request.DueOn.AddDays(-7);
            var task = request.AskServiceToSearch(service, "Search your files for this child.", due, Ctx(day));
            tasks.Add((task.Id, day.AddDays(random.Next(3, 26))));
        }

        // A clarification pause now and then (access only), answered within a fortnight.
        if (right == Right.Access && random.NextDouble() < 0.08 && day >= PausesAllowedFrom)
        {
            var asked = day.AddDays(random.Next(1, 6));
            if (!Reached(asked)) return request;
            request.PauseForClarification(asked, "Which years are wanted?", Ctx(asked));
            var answered = asked.AddDays(random.Next(2, 15));
            if (!Reached(answered)) return request;
            request.ClarificationAnswered(answered, Ctx(answered));
            day = answered;
        }

        foreach (var (id, answer) in tasks.OrderBy(t => t.Answer))
        {
            if (!Reached(answer)) return request;
            request.RecordSearchFindings(id, "Found the file; copies attached to the case.", Ctx(answer));
            if (answer > day) day = answer;
        }

        // An extension within the first month for some complex access requests.
        if (DeadlineRules.CanExtend(right) && random.NextDouble() < 0.07)
        {
            var on = request.FirstMonthEnds.AddDays(-random.Next(1, 8));
            if (on < day) on = day;
            if (on <= request.FirstMonthEnds && Reached(on) && request.AllowedActions(on).Contains(CaseAction.Extend))
            {
                request.Extend("The records are held by several services and run to many hundreds of pages.", Ctx(on));
            }
        }

        // A few are withdrawn before the response.
        if (random.NextDouble() < 0.04)
        {
            var on = day.AddDays(random.Next(0, 5));
            if (!Reached(on)) return request;
            request.Withdraw("The family found what they needed.", Ctx(on));
            return request;
        }

        // The response: mostly before the legal limit, about one in eight late.
        var sent = random.NextDouble() < 0.12
            ? request.DueOn.AddDays(random.Next(1, 25))
            : Later(day, request.DueOn.AddDays(-random.Next(0, 12)));
        if (!Reached(sent)) return request;
        var outcome = Decide(random, request, Ctx(sent));
        request.DraftResponse(outcome, "The response sent to the family.", Ctx(sent));
        request.Close(outcome, sent, outcome is Outcome.Refused or Outcome.PartlyComplied ? "An exemption applies to part of the records." : null, Ctx(sent));
        return request;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The right-specific decision, and the outcome that agrees with it.</summary>
    private static Outcome Decide(Random random, RightsRequest request, CaseContext ctx)
    {
        if (request.Right is Right.Access or Right.EducationalRecord)
        {
            var roll = random.NextDouble();
            var items = random.Next(1, 4);
            for (var i = 0; i < items; i++)
            {
                var disposition = roll < 0.7 ? Disposition.Disclosed : roll < 0.92 ? (i == 0 ? Disposition.Disclosed : Disposition.Redacted) : Disposition.Withheld;
                request.RecordDisclosure($"Document {i + 1}", disposition, disposition == Disposition.Disclosed ? null : Exemption.ThirdParty,
                    disposition == Disposition.Disclosed ? null : "Information about another child.", ctx);
            }

            var kept = request.Disclosures.Any(d => d.Disposition != Disposition.Disclosed);
            var given = request.Disclosures.Any(d => d.Disposition != Disposition.Withheld);
            return !kept ? Outcome.Complied : given ? Outcome.PartlyComplied : Outcome.Refused;
        }

        var kinds = DecisionRules.KindsFor(request.Right);
        if (kinds.Count == 0) return Outcome.Complied;
        var kind = request.Right == Right.Erasure ? DecisionKind.Erased : kinds[random.Next(kinds.Count)];
        request.Decide(kind, "Considered against the law and the records.", "The records were not shared with anyone else.", [],
            kind == DecisionKind.RestrictionPlaced ? RestrictionGround.AccuracyContested : null, ctx);
        return DecisionRules.OutcomesFor(kind)[0];
    }

    private static T Pick<T>(Random random, T[] values, double[] weights)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < values.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return values[i];
        }

        return values[^1];
    }
}
