using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Tests;

public sealed class IntegrationApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<string> KeyForAsync(string code, bool revoked = false)
    {
        await using var db = portal.Db();
        var organisationId = await db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
        var (key, secret) = ApiKey.Issue(organisationId, $"Test CRM {code}", "test", DateTimeOffset.UtcNow);
        if (revoked) key.RevokedAt = DateTimeOffset.UtcNow;
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    private HttpClient Client(string? key)
    {
        var client = portal.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static object Body(Guid? submissionId = null, string right = "access", string email = "crm.parent@example.org", string[]? categories = null) => new
    {
        submissionId = (submissionId ?? Guid.NewGuid()).ToString(),
        right,
        requesterRole = "parent-carer",
        requesterName = "Crm Parent",
        requesterEmail = email,
        subjectName = "Crm Child",
        subjectDateOfBirth = "2013-05-01",
        dataCategories = categories ?? ["sen"],
        details = "Taken by phone in the contact centre",
    };

    [Fact]
    public async Task A_council_system_hands_in_a_request_and_gets_its_reference_and_dates()
    {
        var response = await Client(await KeyForAsync("BAR")).PostAsJsonAsync("/api/v1/requests", Body());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = body.GetProperty("reference").GetString()!;
        Assert.StartsWith("BAR-", reference, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/requests/{reference}", response.Headers.Location?.OriginalString);
        Assert.Equal("integration", body.GetProperty("channel").GetString());
        Assert.Equal("received", body.GetProperty("status").GetString());
        Assert.NotEmpty(body.GetProperty("explanation").EnumerateArray());

        await using var db = portal.Db();
        var stored = await db.Requests.SingleAsync(r => r.Reference == reference);
        Assert.Equal(Channel.Integration, stored.Channel);
        Assert.StartsWith("api-key:", stored.Events.Single().ActorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_call_with_the_same_submission_id_stores_one_request()
    {
        var client = Client(await KeyForAsync("BAR"));
        var submission = Guid.NewGuid();
        var first = await (await client.PostAsJsonAsync("/api/v1/requests", Body(submission))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await client.PostAsJsonAsync("/api/v1/requests", Body(submission))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("reference").GetString(), second.GetProperty("reference").GetString());
        await using var db = portal.Db();
        Assert.Equal(1, await db.Requests.CountAsync(r => r.SubmissionId == submission));
    }

    [Theory]
    [InlineData("right", "subject-access")]
    [InlineData("requesterEmail", "not-an-email")]
    [InlineData("dataCategories", "made-up")]
    public async Task Bad_fields_are_a_problem_naming_the_field(string field, string value)
    {
        var body = field switch
        {
            "right" => Body(right: value),
            "requesterEmail" => Body(email: value),
            _ => Body(categories: [value]),
        };
        var response = await Client(await KeyForAsync("BAR")).PostAsJsonAsync("/api/v1/requests", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task A_request_is_found_by_reference_only_with_its_own_organisations_key()
    {
        var bar = Client(await KeyForAsync("BAR"));
        var created = await (await bar.PostAsJsonAsync("/api/v1/requests", Body())).Content.ReadFromJsonAsync<JsonElement>();
        var reference = created.GetProperty("reference").GetString()!;

        var own = await bar.GetAsync($"/api/v1/requests/{reference}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var view = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reference, view.GetProperty("reference").GetString());
        Assert.DoesNotContain("Crm Child", view.ToString(), StringComparison.Ordinal);

        var other = await Client(await KeyForAsync("STK")).GetAsync($"/api/v1/requests/{reference}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Calls_without_a_key_with_a_wrong_key_or_a_revoked_key_are_refused_with_401()
    {
        foreach (var key in new[] { null, "rpk_not-a-real-key-at-all", await KeyForAsync("BAR", revoked: true) })
        {
            var response = await Client(key).PostAsJsonAsync("/api/v1/requests", Body());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await using var db = portal.Db();
        Assert.False(await db.Requests.AnyAsync(r => r.RequesterName == "Crm Parent" && r.Channel == Channel.Integration && r.Reference.StartsWith("STK")));
    }

    [Fact]
    public async Task The_requests_api_is_in_the_openapi_document()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/requests", out var post));
        Assert.True(post.TryGetProperty("post", out var operation));
        foreach (var code in new[] { "400", "401", "403" })
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty(code, out _), code);
        }

        Assert.True(paths.TryGetProperty("/api/v1/requests/{reference}", out _));
    }
}
