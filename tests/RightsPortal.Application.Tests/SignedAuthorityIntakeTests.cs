using System.Collections.Concurrent;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Files;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Access asked on the shared form (a parent's declaration, its one question as the details), and a representative's
/// signed authority sent with any request: checked by content, stored encrypted with the request in the same save,
/// shown on the case, never stored twice, and never left behind when the request is not saved.
/// </summary>
public sealed class SignedAuthorityIntakeTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. "signed by both parents"u8, .. "\n%%EOF"u8];

    private static SubmitRightsRequestCommand Representative(PortalApp app, Right right = Right.Access, AttachedFile? file = null) =>
        new("STK", Guid.NewGuid(), right, RequesterRole.Representative, "Alex Advocate", "alex.advocate@example.org", "Ada Testchild",
            new DateOnly(2014, 3, 27), null, app.CategoryCodes("STK").Take(1).ToList(),
            [.. RightQuestions.For(right).Select(q => q.Required ? $"Answer to {q.Question}" : null)], ParentalResponsibilityDeclared: false, file);

    [Fact]
    public async Task A_representatives_signed_authority_is_stored_with_the_request_as_authority_and_shown_on_the_case()
    {
        await using var app = await PortalApp.StartAsync(configure: InMemoryFiles(out var store));

        var receipt = await app.AsPublic().SendAsync(Representative(app, file: new AttachedFile("C:\\scans\\authority.pdf", Pdf)));

        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var file = Assert.Single(detail.Files);
        Assert.Equal("authority.pdf", file.FileName); // the name without the family's folders
        Assert.True(file.FromFamily);
        Assert.Contains(detail.Timeline, e => e.What == "File added" && e.Who == "The family"
                                              && e.Detail == "The family added evidence of authority to act: authority.pdf.");
        await using var db = app.Db();
        var row = await db.Files.SingleAsync();
        Assert.Equal(UploadKind.Authority, row.Kind);
        Assert.Equal(receipt.RequestId, row.RequestId);
        Assert.Equal(PortalApp.DefaultNow, row.UploadedAt);
        Assert.Equal(Pdf, store.Files[row.StoredName]);
    }

    [Fact]
    public async Task Only_someone_acting_for_the_family_sends_a_signed_authority_with_the_request()
    {
        await using var app = await PortalApp.StartAsync(configure: InMemoryFiles(out var store));
        var parent = Representative(app, file: new AttachedFile("authority.pdf", Pdf))
            with { RequesterRole = RequesterRole.ParentCarer, ParentalResponsibilityDeclared = true };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(parent));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(SubmitRightsRequestCommand.SignedAuthority));
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Empty(store.Files);
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "an HTML page named .pdf", "<html><script>alert(1)</script></html>"u8.ToArray(), UploadRules.WrongType },
        { "an empty file", [], UploadRules.Empty },
        { "one byte over 10 MB", [.. Pdf, .. new byte[UploadRules.MaxBytes + 1 - Pdf.Length]], UploadRules.TooBig },
    };

    // Not enumerated at discovery: xunit 2 would serialise the 10 MB row element by element into the test case, which
    // took minutes and gigabytes of memory before any test in the assembly ran. The rows are still run and reported.
    [Theory]
    [MemberData(nameof(BadFiles), DisableDiscoveryEnumeration = true)]
    public async Task A_signed_authority_that_is_not_an_acceptable_file_is_refused_with_the_upload_message_and_nothing_is_stored(string what, byte[] content, string message)
    {
        await using var app = await PortalApp.StartAsync(configure: InMemoryFiles(out var store));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(Representative(app, file: new AttachedFile("authority.pdf", content))));

        var error = Assert.Single(refused.Errors);
        Assert.True(error.PropertyName == nameof(SubmitRightsRequestCommand.SignedAuthority), what);
        Assert.Equal(message, error.ErrorMessage);
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Empty(store.Files);
    }

    [Fact]
    public async Task The_same_form_sent_again_with_its_file_stores_one_request_and_one_file()
    {
        await using var app = await PortalApp.StartAsync(configure: InMemoryFiles(out var store));
        var command = Representative(app, Right.Complaint, new AttachedFile("authority.pdf", Pdf));

        var first = await app.AsPublic().SendAsync(command);
        var second = await app.AsPublic().SendAsync(command);

        Assert.Equal(first, second);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
        Assert.Equal(1, await db.Files.CountAsync());
        Assert.Single(store.Files);
        Assert.Empty(store.Deleted); // the second post never wrote one
    }

    [Fact]
    public async Task A_file_written_for_a_request_that_is_then_not_saved_is_deleted()
    {
        using var stop = new CancellationTokenSource();
        await using var app = await PortalApp.StartAsync(configure: InMemoryFiles(out var store));
        store.AfterSave = stop.Cancel; // the request stops (a dropped connection) just after its file was written
        var command = Representative(app, file: new AttachedFile("authority.pdf", Pdf));

        await using (var scope = app.AsPublic().Services.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, stop.Token));
        }

        var written = Assert.Single(store.Written);
        Assert.Equal([written], store.Deleted);
        Assert.Empty(store.Files);
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.Files.CountAsync());
    }

    [Fact]
    public async Task An_access_request_on_the_shared_form_needs_a_parents_declaration_and_keeps_its_question_as_the_details()
    {
        await using var app = await PortalApp.StartAsync();
        var parent = Representative(app) with { RequesterRole = RequesterRole.ParentCarer, Answers = ["  Letters from the SEN team in 2025  "] };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(parent));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(SubmitRightsRequestCommand.ParentalResponsibilityDeclared));

        var receipt = await app.AsPublic().SendAsync(parent with { ParentalResponsibilityDeclared = true });
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync(r => r.Id == receipt.RequestId);
        Assert.Equal(Right.Access, stored.Right);
        Assert.Equal("Letters from the SEN team in 2025", stored.Details);
        Assert.Empty(stored.Answers);
        Assert.Equal(AuthorityKind.ParentalResponsibilityDeclared, Assert.Single(stored.Authorities).Kind);
        Assert.Equal(new DateOnly(2026, 4, 2), receipt.DueOn); // one calendar month, as the access form always gave
    }

    [Fact]
    public void Access_and_a_complaint_are_offered_whatever_the_notice_promises() =>
        Assert.Equal([Right.Access, Right.Complaint], RightQuestions.Offered(OrganisationKind.LocalAuthority, []));

    private static Action<IServiceCollection> InMemoryFiles(out InMemoryFileStore store)
    {
        var files = new InMemoryFileStore();
        store = files;
        return services => services.Replace(ServiceDescriptor.Singleton<IFileStore>(files));
    }

    /// <summary>A file store that keeps files in memory and remembers what was written and deleted.</summary>
    private sealed class InMemoryFileStore : IFileStore
    {
        public ConcurrentDictionary<string, byte[]> Files { get; } = new();
        public ConcurrentQueue<string> Written { get; } = new();
        public ConcurrentQueue<string> Deleted { get; } = new();
        public Action? AfterSave { get; set; }

        public Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
        {
            var name = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            Files[name] = content.ToArray();
            Written.Enqueue(name);
            AfterSave?.Invoke();
            return Task.FromResult(name);
        }

        public Task<byte[]> ReadAsync(string storedName, CancellationToken ct) => Task.FromResult(Files[storedName]);

        public void Delete(string storedName)
        {
            Deleted.Enqueue(storedName);
            Files.TryRemove(storedName, out _);
        }
    }
}
