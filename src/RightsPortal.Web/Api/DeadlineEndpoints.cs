using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using RightsPortal.Application.Features.Deadlines;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Web.Api;

/// <summary>The anonymous deadline calculator for integrations (council CRMs, web-form platforms).</summary>
internal static class DeadlineEndpoints
{
    public const string RateLimitPolicy = "api";

    public static void MapDeadlineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/deadlines", GetAsync)
            .WithName("GetDeadline")
            .WithTags("Deadlines")
            .WithSummary("When a request is legally due, and why")
            .WithDescription("Computes the statutory time limit for a data-protection right under UK law (one calendar month with the " +
                "weekend and bank-holiday roll, restarts, extension, clarification pauses; 15 school days for a parent's educational-record " +
                "request; 30 days to acknowledge a complaint), with a plain-English explanation. Dates are YYYY-MM-DD.")
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <param name="right">access, rectification, erasure, restriction, objection, portability, automated-decision, educational-record or complaint-acknowledgement</param>
    /// <param name="received">The date the request reached the organisation (YYYY-MM-DD)</param>
    /// <param name="started">The date ID, evidence of authority or a fee arrived, restarting the clock (YYYY-MM-DD)</param>
    /// <param name="extended">true when the two-month extension applies</param>
    /// <param name="pause">A clarification pause as asked/answered, e.g. 2026-03-02/2026-03-09; repeat for several (access only)</param>
    /// <param name="reading">statutory (default) or ico: how paused days, or complaint days, are counted</param>
    /// <param name="organisation">An organisation's short code (STK, HHJ, BAR): its holiday region, school calendar and internal target apply</param>
    internal static async Task<Results<Ok<DeadlineResponse>, ValidationProblem>> GetAsync(
        string? right, string? received, string? started, string? extended, string[]? pause, string? reading, string? organisation,
        IMediator mediator, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Problem(string parameter, string message) => errors[parameter] = [message];

        if (string.IsNullOrWhiteSpace(right)) Problem("right", "Give the right, e.g. right=access.");
        else if (!RightSlugs.TryParse(right, out _)) Problem("right", $"Unknown right '{right}'. Use one of: {string.Join(", ", RightSlugs.All)}.");

        var receivedOn = ParseDate(received, "received", required: true, Problem);
        var startedOn = ParseDate(started, "started", required: false, Problem);

        var isExtended = false;
        if (!string.IsNullOrEmpty(extended) && !bool.TryParse(extended, out isExtended)) Problem("extended", "Use extended=true or extended=false.");

        if (right == "educational-record" && string.IsNullOrWhiteSpace(organisation))
            Problem("organisation", "A parent's educational-record request counts the school's own days: give organisation=<school code>, e.g. organisation=HHJ.");

        if (reading is not (null or "statutory" or "ico")) Problem("reading", "Use reading=statutory or reading=ico.");

        var pauses = new List<ClarificationPause>();
        pause ??= [];
        if (pause.Length > DeadlineRules.MaxPauses)
        {
            Problem("pause", $"At most {DeadlineRules.MaxPauses} pauses.");
        }
        else
        {
            foreach (var value in pause)
            {
                var parts = (value ?? "").Split('/');
                if (parts.Length != 2 || !TryDate(parts[0], out var asked) || !TryDate(parts[1], out var answered))
                {
                    Problem("pause", $"'{value}' is not a pause: use asked/answered dates, e.g. 2026-03-02/2026-03-09.");
                    break;
                }

                if (answered < asked) { Problem("pause", $"The pause {value} ends before it starts."); break; }
                if (receivedOn is { } r && asked < r) { Problem("pause", $"The pause {value} starts before the request was received."); break; }
                pauses.Add(new ClarificationPause(asked, answered));
            }
        }

        if (errors.Count > 0 || receivedOn is null || !RightSlugs.TryParse(right, out var parsedRight))
        {
            return TypedResults.ValidationProblem(errors, title: "Some parameters are not right", type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1");
        }

        try
        {
            var answer = await mediator.Send(new CalculateDeadlineQuery(parsedRight, receivedOn.Value, startedOn, isExtended, pauses, reading, organisation), cancellationToken);
            return TypedResults.Ok(DeadlineResponse.From(answer));
        }
        catch (NotFoundException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisation"] = [$"No organisation has the code '{organisation}'."] }, title: "Some parameters are not right");
        }
        catch (DomainRuleException rule)
        {
            var parameter = pauses.Count > 0 && rule.Message.Contains("pause", StringComparison.OrdinalIgnoreCase) ? "pause"
                : isExtended && rule.Message.Contains("extend", StringComparison.OrdinalIgnoreCase) ? "extended"
                : rule.Message.Contains("school calendar", StringComparison.OrdinalIgnoreCase) ? "organisation"
                : "right";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [rule.Message] }, title: "The rules do not allow this");
        }
    }

    private static DateOnly? ParseDate(string? value, string parameter, bool required, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) problem(parameter, $"Give the {parameter} date as YYYY-MM-DD.");
            return null;
        }

        if (!TryDate(value, out var date))
        {
            problem(parameter, $"'{value}' is not a real date: use YYYY-MM-DD, e.g. 2026-01-31.");
            return null;
        }

        return date;
    }

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 1995 and <= 2100;
}

/// <summary>The published shape of a deadline answer (dates as YYYY-MM-DD).</summary>
public sealed record DeadlineResponse(
    string Right,
    DateOnly Received,
    DateOnly Start,
    DateOnly DueOn,
    DateOnly? ExtensionNoticeBy,
    int PausedDays,
    DateOnly? InternalTargetOn,
    bool Statutory,
    string Reading,
    string HolidayRegion,
    string? Organisation,
    IReadOnlyList<string> Explanation)
{
    public static DeadlineResponse From(DeadlineAnswer a) => new(
        a.Right.Slug(), a.Received, a.Start, a.DueOn, a.ExtensionNoticeBy, a.PausedDays, a.InternalTargetOn, a.Statutory, a.Reading,
        a.HolidayRegion switch { Domain.Clock.HolidayRegion.Scotland => "scotland", Domain.Clock.HolidayRegion.NorthernIreland => "northern-ireland", _ => "england-and-wales" },
        a.Organisation, a.Explanation);
}
