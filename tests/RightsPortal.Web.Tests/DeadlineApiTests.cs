using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RightsPortal.Web.Tests;

public sealed class DeadlineApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<JsonElement> OkAsync(string query)
    {
        var response = await portal.CreateClient().GetAsync("/api/v1/deadlines?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ProblemAsync(string query)
    {
        var response = await portal.CreateClient().GetAsync("/api/v1/deadlines?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_ICOs_example_is_answered_with_dates_and_reasons()
    {
        var answer = await OkAsync("right=access&received=2024-11-25");
        Assert.Equal("access", answer.GetProperty("right").GetString());
        Assert.Equal("2024-11-25", answer.GetProperty("received").GetString());
        Assert.Equal("2024-11-25", answer.GetProperty("start").GetString());
        Assert.Equal("2024-12-27", answer.GetProperty("dueOn").GetString());
        Assert.Equal(0, answer.GetProperty("pausedDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("extensionNoticeBy").ValueKind);
        var explanation = answer.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(explanation, l => l.Contains("Wed 25 Dec 2024 is a bank holiday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_extension_and_pauses_are_all_applied()
    {
        // Received Mon 2 Mar 2026, ID Tue 10 Mar: three months is Wed 10 Jun; two pauses of 3 and 2 days (statutory): Mon 15 Jun 2026.
        var answer = await OkAsync("right=access&received=2026-03-02&started=2026-03-10&extended=true&pause=2026-03-11/2026-03-13&pause=2026-03-20/2026-03-21");
        Assert.Equal("2026-03-10", answer.GetProperty("start").GetString());
        Assert.Equal(5, answer.GetProperty("pausedDays").GetInt32());
        Assert.Equal("2026-04-15", answer.GetProperty("extensionNoticeBy").GetString()); // one month from 10 Mar plus the 5 paused days
        Assert.Equal("2026-06-15", answer.GetProperty("dueOn").GetString());

        var ico = await OkAsync("right=access&received=2026-03-02&started=2026-03-10&extended=true&pause=2026-03-11/2026-03-13&pause=2026-03-20/2026-03-21&reading=ico");
        Assert.Equal(3, ico.GetProperty("pausedDays").GetInt32());
        Assert.Equal("2026-06-15", ico.GetProperty("dueOn").GetString()); // Sat 13 Jun rolls to Mon 15 Jun too
    }

    [Fact]
    public async Task An_organisation_brings_its_internal_target_and_school_calendar()
    {
        var stoke = await OkAsync("right=access&received=2026-03-02&organisation=STK");
        Assert.Equal("2026-03-30", stoke.GetProperty("internalTargetOn").GetString());
        Assert.Equal("england-and-wales", stoke.GetProperty("holidayRegion").GetString());

        var school = await OkAsync("right=educational-record&received=2026-02-10&organisation=HHJ");
        Assert.Equal("2026-03-10", school.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Complaint_acknowledgement_follows_the_reading_and_the_commencement_date()
    {
        var statute = await OkAsync("right=complaint-acknowledgement&received=2026-07-01");
        Assert.Equal("2026-07-30", statute.GetProperty("dueOn").GetString());
        Assert.True(statute.GetProperty("statutory").GetBoolean());

        var ico = await OkAsync("right=complaint-acknowledgement&received=2026-07-01&reading=ico");
        Assert.Equal("2026-07-31", ico.GetProperty("dueOn").GetString());

        var early = await OkAsync("right=complaint-acknowledgement&received=2026-06-01");
        Assert.False(early.GetProperty("statutory").GetBoolean());
    }

    [Theory]
    [InlineData("received=2026-01-31", "right")]
    [InlineData("right=access", "received")]
    [InlineData("right=subject-access&received=2026-01-31", "right")]
    [InlineData("right=access&received=2026-02-30", "received")]
    [InlineData("right=access&received=31/01/2026", "received")]
    [InlineData("right=access&received=2026-01-31&started=tomorrow", "started")]
    [InlineData("right=access&received=2026-01-31&extended=maybe", "extended")]
    [InlineData("right=access&received=2026-01-31&reading=lenient", "reading")]
    [InlineData("right=access&received=2026-03-02&pause=2026-03-09/2026-03-05", "pause")]
    [InlineData("right=access&received=2026-03-02&pause=2026-03-01/2026-03-05", "pause")]
    [InlineData("right=access&received=2026-03-02&pause=2026-03-05", "pause")]
    [InlineData("right=erasure&received=2026-03-02&pause=2026-03-05/2026-03-06", "pause")]
    [InlineData("right=access&received=2026-01-20&pause=2026-01-22/2026-01-23", "pause")]
    [InlineData("right=complaint-acknowledgement&received=2026-07-01&extended=true", "extended")]
    [InlineData("right=educational-record&received=2026-02-10", "organisation")]
    [InlineData("right=educational-record&received=2026-02-10&organisation=STK", "organisation")]
    [InlineData("right=access&received=2026-01-31&organisation=ZZZ", "organisation")]
    public async Task Bad_input_is_a_problem_naming_the_parameter_never_a_500(string query, string parameter)
    {
        var problem = await ProblemAsync(query);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var messages = problem.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public async Task More_than_fifty_pauses_are_refused()
    {
        var pauses = string.Join("&", Enumerable.Range(0, 51).Select(i =>
        {
            var day = new DateOnly(2026, 3, 2).AddDays(i * 2);
            return $"pause={day:yyyy-MM-dd}/{day:yyyy-MM-dd}";
        }));
        var problem = await ProblemAsync("right=access&received=2026-03-02&" + pauses);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pause", out _));
    }

    [Fact]
    public async Task The_endpoint_is_described_in_the_openapi_document()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty("/api/v1/deadlines").GetProperty("get");
        var parameters = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["right", "received", "started", "extended", "pause", "reading", "organisation"], parameters);
        Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _));
        Assert.False(document.GetProperty("paths").TryGetProperty("/Account/Logout", out _));
    }
}

public sealed class DeadlineApiRateLimitTests(TightlyLimitedApiPortalFactory portal) : IClassFixture<TightlyLimitedApiPortalFactory>
{
    [Fact]
    public async Task The_api_is_rate_limited_per_client_with_a_problem_response()
    {
        var client = portal.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/deadlines?right=access&received=2026-01-31")).StatusCode);
        }

        var limited = await client.GetAsync("/api/v1/deadlines?right=access&received=2026-01-31");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
