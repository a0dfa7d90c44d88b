using System.Globalization;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using RightsPortal.Application.Features.Deadlines;
using RightsPortal.Application.Features.Integration;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Api;

/// <summary>The integration API: council front-door systems hand requests in and ask where they have got to.</summary>
internal static class RequestEndpoints
{
    private static readonly Dictionary<string, RequesterRole> Roles = new(StringComparer.Ordinal)
    {
        ["parent-carer"] = RequesterRole.ParentCarer,
        ["young-person"] = RequesterRole.YoungPerson,
        ["child"] = RequesterRole.Child,
        ["representative"] = RequesterRole.Representative,
    };

    public static void MapRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/requests")
            .WithTags("Requests")
            .RequireAuthorization(ApiKeyAuthenticationHandler.Policy)
            .RequireRateLimiting(DeadlineEndpoints.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/", SubmitAsync)
            .WithName("SubmitRequest")
            .WithSummary("Hand in a request taken by another system")
            .WithDescription("Creates a request with channel 'integration' for the organisation the API key belongs to. " +
                "A repeated call with the same submissionId returns the first request. Dates are YYYY-MM-DD.")
            .ProducesValidationProblem();

        group.MapGet("/{reference}", GetAsync)
            .WithName("GetRequest")
            .WithSummary("Where a request has got to: status, dates and the reasons for the legal limit")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<RequestStatusResponse>, ValidationProblem>> SubmitAsync(
        IntegrationRequestBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Right? right = null;
        if (body.Right is not null)
        {
            if (RightSlugs.TryParse(body.Right, out var r)) right = r;
            else errors["right"] = [$"Unknown right '{body.Right}'. Use one of: {string.Join(", ", RightSlugs.All)}."];
        }

        RequesterRole? role = null;
        if (body.RequesterRole is not null)
        {
            if (Roles.TryGetValue(body.RequesterRole, out var parsed)) role = parsed;
            else errors["requesterRole"] = [$"Unknown requesterRole '{body.RequesterRole}'. Use one of: {string.Join(", ", Roles.Keys)}."];
        }

        var receivedOn = Date(body.ReceivedOn, "receivedOn", errors);
        var dateOfBirth = Date(body.SubjectDateOfBirth, "subjectDateOfBirth", errors);
        if (!Guid.TryParse(body.SubmissionId, out var submissionId)) errors["submissionId"] = ["Give a submissionId (a GUID your system keeps), so a retried call is not stored twice."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Some fields are not right");

        try
        {
            var receipt = await mediator.Send(new SubmitIntegrationRequestCommand(submissionId, right, receivedOn, role, body.RequesterName, body.RequesterEmail,
                body.SubjectName, dateOfBirth, body.SubjectSetting, body.DataCategories ?? [], body.Details), cancellationToken);
            var status = await mediator.Send(new GetRequestStatusQuery(receipt.Reference), cancellationToken);
            return TypedResults.Created($"/api/v1/requests/{receipt.Reference}", RequestStatusResponse.From(status));
        }
        catch (FluentValidation.ValidationException ex)
        {
            return TypedResults.ValidationProblem(
                ex.Errors.GroupBy(e => CamelCase(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
                title: "Some fields are not right");
        }
        catch (DomainRuleException rule)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["right"] = [rule.Message] }, title: "The rules do not allow this");
        }
    }

    internal static async Task<Results<Ok<RequestStatusResponse>, ProblemHttpResult>> GetAsync(string reference, IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(RequestStatusResponse.From(await mediator.Send(new GetRequestStatusQuery(reference), cancellationToken)));
        }
        catch (NotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such request",
                detail: $"No request with reference '{reference}' belongs to this API key's organisation.");
        }
    }

    private static DateOnly? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[field] = [$"'{value}' is not a real date: use YYYY-MM-DD."];
        return null;
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>A request handed in by another system. Enumerations are lower-case names; dates YYYY-MM-DD.</summary>
public sealed record IntegrationRequestBody(
    string? SubmissionId,
    string? Right,
    string? ReceivedOn,
    string? RequesterRole,
    string? RequesterName,
    string? RequesterEmail,
    string? SubjectName,
    string? SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string>? DataCategories,
    string? Details);

/// <summary>Status and dates of a request, without personal data.</summary>
public sealed record RequestStatusResponse(
    string Reference,
    string Right,
    string Status,
    string Channel,
    DateOnly ReceivedOn,
    DateOnly StartOn,
    DateOnly DueOn,
    DateOnly? ExtensionNoticeBy,
    DateOnly? InternalTargetOn,
    int PausedDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
    DateOnly? ResponseSentOn,
    IReadOnlyList<string> Explanation)
{
    public static RequestStatusResponse From(RequestStatusView v) => new(
        v.Reference, v.Right.Slug(), Kebab(v.Status.ToString()), Kebab(v.Channel.ToString()), v.ReceivedOn, v.StartOn, v.DueOn,
        v.ExtensionNoticeBy, v.InternalTargetOn, v.PausedDays, v.Outcome is { } o ? Kebab(o.ToString()) : null, v.ResponseSentOn, v.Explanation);

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
