using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Public;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>A family asks online for a right other than access: the right's own questions, who may ask, and the clock.</summary>
public sealed class SubmitRightsRequestTests
{
    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static SubmitRightsRequestCommand Valid(PortalApp app, Right right, string code = "STK", params string?[] answers) =>
        new(code, Guid.NewGuid(), right, RequesterRole.YoungPerson, "Sam Testyoung", "sam.testyoung@example.org", "Sam Testyoung",
            new DateOnly(2009, 5, 1), "Example College", app.CategoryCodes(code).Take(1).ToList(),
            answers.Length > 0 ? answers : [.. RightQuestions.For(right).Select(q => q.IsChoice ? q.Choices[0] : $"Answer to {q.Question}")],
            ParentalResponsibilityDeclared: false);

    public static TheoryData<Right, int, string> MissingAnswers() => new()
    {
        { Right.Rectification, 0, "Answer \"What is wrong?\"" },
        { Right.Rectification, 1, "Answer \"What should it say?\"" },
        { Right.Erasure, 0, "Answer \"Which records do you want deleted?\"" },
        { Right.Erasure, 1, "Answer \"Why?\"" },
        { Right.Restriction, 0, "Select an answer to \"Why do you want us to limit how we use the records?\"" },
        { Right.Objection, 0, "Answer \"What do you object to?\"" },
        { Right.Objection, 1, "Answer \"Why?\"" },
        { Right.Portability, 0, "Answer \"Which records, and where should they go?\"" },
        { Right.AutomatedDecision, 0, "Answer \"Which decision?\"" },
        { Right.AutomatedDecision, 1, "Answer \"What do you want: a person to review it, to give your views, to contest it?\"" },
        { Right.Complaint, 0, "Answer \"What went wrong?\"" },
        { Right.Complaint, 1, "Answer \"What would put it right?\"" },
    };

    [Theory]
    [MemberData(nameof(MissingAnswers))]
    public async Task Each_rights_own_required_answer_is_asked_for_in_plain_words_and_nothing_is_stored(Right right, int blank, string message)
    {
        await using var app = await PortalApp.StartAsync();
        var command = Valid(app, right, right == Right.Portability ? "STK" : "HHJ");
        var answers = command.Answers.ToList();
        answers[blank] = "  ";
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(command with { Answers = answers }));

        var error = Assert.Single(refused.Errors);
        Assert.Equal($"Answers[{blank}]", error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task A_restriction_ground_must_be_one_of_the_four_and_its_detail_is_optional()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Valid(app, Right.Restriction, "STK", "Because I said so", null)));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Answers[0]" && e.ErrorMessage.Contains("from the list", StringComparison.Ordinal));

        var receipt = await app.SendAsync(Valid(app, Right.Restriction, "STK", RightQuestions.RestrictionGrounds[2], null));
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync(r => r.Id == receipt.RequestId);
        Assert.Equal(Right.Restriction, stored.Right);
        Assert.Equal([RightQuestions.RestrictionGrounds[2]], stored.Answers.Select(a => a.Answer));
    }

    [Fact]
    public async Task A_right_the_organisations_notice_does_not_promise_is_refused()
    {
        // Barnet's notice does not offer portability; Hursthead's does not either.
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Valid(app, Right.Portability, "BAR")));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Right" && e.ErrorMessage.Contains("does not offer this online", StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task A_complaint_can_always_be_made_and_is_acknowledged_within_30_days()
    {
        await using var app = await PortalApp.StartAsync(Utc("2026-07-01T10:00:00Z"));
        var receipt = await app.SendAsync(Valid(app, Right.Complaint, "BAR"));
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(Right.Complaint, stored.Right);
        Assert.InRange(receipt.DueOn, new DateOnly(2026, 7, 30), new DateOnly(2026, 7, 31));
    }

    [Fact]
    public async Task An_educational_record_request_is_refused_for_a_council()
    {
        await using var app = await PortalApp.StartAsync(Utc("2026-02-10T10:00:00Z"));
        var command = Valid(app, Right.EducationalRecord, "STK") with { RequesterRole = RequesterRole.ParentCarer, ParentalResponsibilityDeclared = true };
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(command));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Right" && e.ErrorMessage.Contains("Only maintained schools", StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task An_educational_record_request_to_the_maintained_school_is_due_in_15_school_days()
    {
        // Received Tue 10 Feb 2026; half-term 16-20 Feb has no school days; the 15th school day is Tue 10 Mar 2026.
        await using var app = await PortalApp.StartAsync(Utc("2026-02-10T10:00:00Z"));
        var command = Valid(app, Right.EducationalRecord, "HHJ", RightQuestions.EducationalRecordChoices[1])
            with { RequesterRole = RequesterRole.ParentCarer, ParentalResponsibilityDeclared = true };
        var receipt = await app.SendAsync(command);

        Assert.Equal(new DateOnly(2026, 2, 10), receipt.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 10), receipt.DueOn);
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(Right.EducationalRecord, stored.Right);
        Assert.Equal(new DateOnly(2026, 3, 10), stored.DueOn);
        Assert.Equal("A copy of the record", Assert.Single(stored.Answers).Answer);
    }

    [Fact]
    public async Task Only_a_parent_or_carer_can_ask_for_an_educational_record()
    {
        await using var app = await PortalApp.StartAsync(Utc("2026-02-10T10:00:00Z"));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Valid(app, Right.EducationalRecord, "HHJ")));
        Assert.Contains(refused.Errors, e => e.PropertyName == "RequesterRole" && e.ErrorMessage.StartsWith("Only a parent or carer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_answers_are_stored_in_the_order_asked_and_shown_on_the_case_page()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(Valid(app, Right.Rectification, "STK", "  My diagnosis is recorded as ADHD  ", "It should say autism, diagnosed in 2022"));

        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(Right.Rectification, stored.Right);
        Assert.Equal(Channel.WebForm, stored.Channel);
        Assert.Equal(
            [(1, "What is wrong?", "My diagnosis is recorded as ADHD"), (2, "What should it say?", "It should say autism, diagnosed in 2022")],
            stored.Answers.OrderBy(a => a.Sequence).Select(a => (a.Sequence, a.Question, a.Answer)));

        var detail = await app.AsCaseworker("STK").SendAsync(new Features.Casework.GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(["What is wrong?", "What should it say?"], detail.Answers.Select(a => a.Question));
        Assert.Equal("It should say autism, diagnosed in 2022", detail.Answers[1].Answer);
    }

    [Fact]
    public async Task A_parent_must_declare_parental_responsibility_and_the_declaration_is_recorded_on_the_case()
    {
        await using var app = await PortalApp.StartAsync();
        var undeclared = Valid(app, Right.Erasure) with { RequesterRole = RequesterRole.ParentCarer };
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(undeclared));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(SubmitRightsRequestCommand.ParentalResponsibilityDeclared)
            && e.ErrorMessage == "Confirm that you have parental responsibility for this child, or care for them");

        await app.SendAsync(undeclared with { ParentalResponsibilityDeclared = true });
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        var authority = Assert.Single(stored.Authorities);
        Assert.Equal(AuthorityKind.ParentalResponsibilityDeclared, authority.Kind);
        Assert.Equal("Declared on the online form", authority.Detail);
        Assert.Contains(stored.Events, e => e.Kind == "Authority recorded" && e.ActorId == "family");
    }

    [Fact]
    public async Task A_young_person_asking_for_themself_records_no_parental_declaration()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(Valid(app, Right.Objection) with { ParentalResponsibilityDeclared = true });
        await using var db = app.Db();
        Assert.Empty((await db.Requests.SingleAsync()).Authorities);
    }

    [Fact]
    public async Task Sending_the_same_form_again_finds_the_first_request_and_stores_one()
    {
        await using var app = await PortalApp.StartAsync();
        var command = Valid(app, Right.Complaint);
        var first = await app.SendAsync(command);
        var second = await app.SendAsync(command);

        Assert.Equal(first, second);
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(2, stored.Answers.Count);
    }

    [Fact]
    public async Task The_shared_fields_are_checked_as_on_the_access_form()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Valid(app, Right.Rectification) with
        {
            RequesterRole = null, RequesterEmail = "not-an-email", DataCategories = [],
        }));
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Select who is asking");
        Assert.Contains(refused.Errors, e => e.ErrorMessage.StartsWith("Enter an email address in the correct format", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Select at least one kind of record");
    }

    [Fact]
    public async Task The_choice_page_offers_what_each_notice_promises_plus_a_complaint_and_the_educational_record_only_at_the_school()
    {
        await using var app = await PortalApp.StartAsync();
        var school = await app.SendAsync(new GetRequestFormQuery("HHJ"));
        var council = await app.SendAsync(new GetRequestFormQuery("STK"));
        var barnet = await app.SendAsync(new GetRequestFormQuery("BAR"));

        Assert.Contains(Right.EducationalRecord, school.RightsOffered);
        Assert.Contains(Right.AutomatedDecision, school.RightsOffered);
        Assert.DoesNotContain(Right.Portability, school.RightsOffered);
        Assert.DoesNotContain(Right.EducationalRecord, council.RightsOffered);
        Assert.Contains(Right.Portability, council.RightsOffered);
        Assert.Equal([Right.Access, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection, Right.Complaint], barnet.RightsOffered);
    }
}
