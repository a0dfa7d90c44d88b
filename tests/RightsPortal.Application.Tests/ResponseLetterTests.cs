using RightsPortal.Application.Features.Casework;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class ResponseLetterTests
{
    [Fact]
    public async Task An_access_response_letter_carries_what_the_law_requires()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, v0, "Known family"));
        await LetterCases.ChangeAsync(app, receipt.RequestId, (r, ctx, _) => r.RecordDisclosure("EHC plan, final, March 2025", Disposition.Disclosed, null, null, ctx));
        await LetterCases.DraftAsync(app, receipt.RequestId, Outcome.Complied, "Copies of all records enclosed");

        var letter = await app.SendAsync(new GetResponseLetterQuery(receipt.RequestId));
        var text = string.Join("\n", letter.Sections.SelectMany(s => s.Paragraphs.Concat(s.Bullets).Prepend(s.Heading)));

        Assert.Equal(receipt.Reference, letter.Reference);
        foreach (var heading in new[] { "Why we hold this information", "Our lawful basis", "Who we share it with", "Where it comes from", "How long we keep it", "Your other rights", "If you are unhappy" })
        {
            Assert.Contains(letter.Sections, s => s.Heading == heading);
        }

        Assert.Contains("Provide educational support for children and young people with special educational needs", text, StringComparison.Ordinal); // a purpose from the notice
        Assert.Contains("Educational Psychology Service", text, StringComparison.Ordinal); // a sharing partner
        Assert.Contains("Contact details", text, StringComparison.Ordinal); // a category asked about
        Assert.Contains("Information Commissioner's Office", text, StringComparison.Ordinal);
        Assert.False(letter.LargePrint);
    }

    [Fact]
    public async Task A_refusal_letter_carries_the_reasons_and_the_complaint_and_court_text_in_large_print_when_asked()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("BAR"));
        app.AsCaseworker("BAR");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        var s1 = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, v0, "Known family"));
        var s2 = await app.SendAsync(new RecordAdjustmentsCommand(receipt.RequestId, s1.Version, PreferredFormat.LargePrint, ContactRoute.Post, null));
        var s3 = await app.SendAsync(new DraftResponseCommand(receipt.RequestId, s2.Version, Outcome.Refused, "Refused"));
        await app.SendAsync(new CloseRequestCommand(receipt.RequestId, s3.Version, Outcome.Refused, new DateOnly(2026, 3, 2), "The request repeats one answered last month."));

        var letter = await app.SendAsync(new GetResponseLetterQuery(receipt.RequestId));
        var refusal = Assert.Single(letter.Sections, s => s.Heading.StartsWith("Why we have not", StringComparison.Ordinal));
        Assert.Contains(refusal.Paragraphs, p => p.Contains("repeats one answered", StringComparison.Ordinal));
        Assert.Contains(refusal.Paragraphs, p => p == RefusalNotice.RightsText);
        Assert.True(letter.LargePrint);
    }

    [Fact]
    public async Task There_is_no_letter_before_a_response_is_drafted()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        await Assert.ThrowsAsync<DomainRuleException>(() => app.AsCaseworker("STK").SendAsync(new GetResponseLetterQuery(receipt.RequestId)));
    }
}
