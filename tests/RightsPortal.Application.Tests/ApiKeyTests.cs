using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Admin;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task An_administrator_issues_a_key_that_is_stored_only_as_a_hash_and_can_be_revoked()
    {
        await using var app = await PortalApp.StartAsync();
        var issued = await app.AsAdministrator().SendAsync(new IssueApiKeyCommand("bar", "Contact centre CRM"));

        Assert.StartsWith("rpk_", issued.Secret, StringComparison.Ordinal);
        Assert.True(issued.Secret.Length > 40);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var stored = await db.ApiKeys.SingleAsync();
            Assert.NotEqual(issued.Secret, stored.Hash);
            Assert.True(stored.Matches(issued.Secret));
            Assert.False(stored.Matches(issued.Secret + "x"));
            Assert.DoesNotContain(await db.AuditEvents.Select(e => e.Action + e.ActorId).ToListAsync(), a => a.Contains(issued.Secret, StringComparison.Ordinal));
        }

        var row = Assert.Single(await app.SendAsync(new ListApiKeysQuery()));
        Assert.Equal("BAR", row.Organisation);
        Assert.Null(row.RevokedAt);

        Assert.True(await app.SendAsync(new RevokeApiKeyCommand(issued.Id)));
        Assert.False(await app.SendAsync(new RevokeApiKeyCommand(issued.Id)));
        await using var after = app.Db();
        Assert.False((await after.ApiKeys.SingleAsync()).Matches(issued.Secret));
    }

    [Fact]
    public async Task Only_an_administrator_may_issue_or_list_keys()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsDpo("STK").SendAsync(new IssueApiKeyCommand("STK", "CRM")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new ListApiKeysQuery()));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsAdministrator().SendAsync(new IssueApiKeyCommand("ZZZ", "CRM")));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.AsAdministrator().SendAsync(new IssueApiKeyCommand("STK", " ")));
    }
}
