using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Public;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>Clock at Mon 2 Mar 2026 (PortalApp.DefaultNow): "tomorrow" is 3 Mar 2026, 120 years ago is 2 Mar 1906.</summary>
public sealed class SubmitAccessRequestValidationTests
{
    public static TheoryData<string, string, string, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand>> BadInputs() => new()
    {
        { "missing role", "RequesterRole", "Select who is asking", c => c with { RequesterRole = null } },
        { "role that does not exist", "RequesterRole", "Select who is asking", c => c with { RequesterRole = (RequesterRole)42 } },
        { "empty requester name", "RequesterName", "Enter your full name", c => c with { RequesterName = "" } },
        { "blank requester name", "RequesterName", "Enter your full name", c => c with { RequesterName = "   " } },
        { "requester name of 201 characters", "RequesterName", "200 characters or fewer", c => c with { RequesterName = new string('a', 201) } },
        { "markup in the requester name", "RequesterName", "must not contain < or >", c => c with { RequesterName = "<script>alert(1)</script>" } },
        { "email without an at sign", "RequesterEmail", "correct format", c => c with { RequesterEmail = "not-an-email" } },
        { "email without a domain dot", "RequesterEmail", "correct format", c => c with { RequesterEmail = "a@b" } },
        { "missing email", "RequesterEmail", "Enter your email address", c => c with { RequesterEmail = null } },
        { "email of 255 characters", "RequesterEmail", "254 characters or fewer", c => c with { RequesterEmail = new string('a', 249) + "@x.org" } },
        { "missing child's name", "SubjectName", "Enter the child or young person's full name", c => c with { SubjectName = null } },
        { "markup in the child's name", "SubjectName", "must not contain < or >", c => c with { SubjectName = "<b>Ada</b>" } },
        { "missing date of birth", "SubjectDateOfBirth", "Enter the child or young person's date of birth", c => c with { SubjectDateOfBirth = null } },
        { "date of birth tomorrow", "SubjectDateOfBirth", "today or in the past", c => c with { SubjectDateOfBirth = new DateOnly(2026, 3, 3) } },
        { "date of birth 121 years ago", "SubjectDateOfBirth", "in the last 120 years", c => c with { SubjectDateOfBirth = new DateOnly(1905, 3, 2) } },
        { "date of birth a day more than 120 years ago", "SubjectDateOfBirth", "in the last 120 years", c => c with { SubjectDateOfBirth = new DateOnly(1906, 3, 1) } },
        { "markup in the school", "SubjectSetting", "must not contain < or >", c => c with { SubjectSetting = "<img src=x onerror=alert(1)>" } },
        { "empty category list", "DataCategories", "Select at least one kind of record", c => c with { DataCategories = [] } },
        { "category the organisation does not hold", "DataCategories", "from the list", c => c with { DataCategories = ["contact-details", "made-up"] } },
        { "another organisation's category", "DataCategories", "from the list", c => c with { DataCategories = ["sen"] } },
        { "details of 4001 characters", "Details", "4000 characters or fewer", c => c with { Details = new string('d', 4001) } },
        { "control character in the details", "Details", "control characters", c => c with { Details = "Reports\u0000from 2024" } },
        { "empty submission id", "SubmissionId", "Go back to the start", c => c with { SubmissionId = Guid.Empty } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_with_a_helpful_message_on_the_field_and_nothing_is_stored(
        string problem, string field, string message, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand> spoil)
    {
        Assert.NotEmpty(problem);
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(spoil(app.ValidAccessRequest("STK"))));

        Assert.All(refused.Errors, e => Assert.Equal(field, e.PropertyName)); // only the spoiled field complains
        Assert.Contains(refused.Errors, e => e.ErrorMessage.Contains(message, StringComparison.Ordinal));

        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());
    }

    [Fact]
    public async Task Several_bad_fields_are_all_reported_at_once()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(app.ValidAccessRequest() with
        {
            RequesterName = "",
            RequesterEmail = "a@b",
            SubjectDateOfBirth = null,
        }));

        Assert.Equal(["RequesterEmail", "RequesterName", "SubjectDateOfBirth"], refused.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand>> EdgeValues() => new()
    {
        { "requester name of exactly 200 characters", c => c with { RequesterName = new string('a', 200) } },
        { "email of exactly 254 characters", c => c with { RequesterEmail = new string('a', 248) + "@x.org" } },
        { "date of birth today", c => c with { SubjectDateOfBirth = new DateOnly(2026, 3, 2) } },
        { "date of birth exactly 120 years ago", c => c with { SubjectDateOfBirth = new DateOnly(1906, 3, 2) } },
        { "details of exactly 4000 characters, on several lines", c => c with { Details = "Line one\r\n\t" + new string('d', 3989) } },
        { "no school and no details", c => c with { SubjectSetting = null, Details = null } },
        { "a name with an apostrophe, hyphen and accent", c => c with { SubjectName = "Zoë O'Brien-Ng" } },
        { "the same category twice", c => c with { DataCategories = ["health", "health"] } },
    };

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public async Task Input_at_the_edge_of_the_limits_is_accepted(string edge, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand> change)
    {
        Assert.NotEmpty(edge);
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(change(app.ValidAccessRequest("STK")));
        Assert.Equal("STK-2026-000001", receipt.Reference);
    }
}
