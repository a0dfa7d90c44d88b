using FluentValidation;

namespace RightsPortal.Application.Tests;

public sealed class LoggingTests
{
    private const string ChildName = "Zebedee Quillfeather";
    private const string ParentName = "Marigold Larkspur";
    private const string ParentEmail = "marigold.larkspur@example.org";

    [Fact]
    public async Task A_submission_is_logged_by_its_command_name_and_never_with_the_familys_names_or_email()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest() with { SubjectName = ChildName, RequesterName = ParentName, RequesterEmail = ParentEmail });

        var messages = app.Logs.Messages.ToList();
        Assert.Contains(messages, m => m.Contains("SubmitAccessRequestCommand", StringComparison.Ordinal));
        AssertNoPersonalData(messages);
    }

    [Fact]
    public async Task A_refused_submission_is_logged_without_the_familys_names_or_email()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(app.ValidAccessRequest() with
        {
            SubjectName = ChildName,
            RequesterName = ParentName,
            RequesterEmail = ParentEmail,
            DataCategories = ["made-up"],
        }));

        var messages = app.Logs.Messages.ToList();
        Assert.Contains(messages, m => m.Contains("SubmitAccessRequestCommand", StringComparison.Ordinal) && m.Contains("ValidationException", StringComparison.Ordinal));
        AssertNoPersonalData(messages);
    }

    [Fact]
    public async Task Reading_a_request_in_casework_logs_no_personal_data()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest() with { SubjectName = ChildName, RequesterName = ParentName, RequesterEmail = ParentEmail });
        app.AsCaseworker("STK");
        await app.SendAsync(new Features.Casework.GetQueueQuery());
        var detail = await app.SendAsync(new Features.Casework.GetRequestDetailQuery(receipt.RequestId));

        Assert.Equal(ChildName, detail.SubjectName); // the data really did pass through
        AssertNoPersonalData(app.Logs.Messages.ToList());
    }

    private static void AssertNoPersonalData(List<string> messages)
    {
        Assert.NotEmpty(messages);
        foreach (var word in new[] { "Zebedee", "Quillfeather", "Marigold", "Larkspur", ParentEmail })
        {
            Assert.DoesNotContain(messages, m => m.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }
}
