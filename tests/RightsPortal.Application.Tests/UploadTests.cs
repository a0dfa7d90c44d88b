using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>Families send ID, authority and evidence: checked by content, encrypted at rest, theirs and the case's organisation's only.</summary>
public sealed class UploadTests : IAsyncLifetime
{
    private const string Email = "pat.testparent@example.org";
    private const string Marker = "MARKER-Ada-Testchild-passport-7731";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "rightsportal-files-" + Guid.NewGuid().ToString("N"));
    private PortalApp app = default!;

    public async Task InitializeAsync() =>
        app = await PortalApp.StartAsync(configure: s => s.Configure<FileStoreOptions>(o => o.Directory = Path.Combine(folder, "files")));

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public static byte[] Pdf => [.. "%PDF-1.7\n"u8, .. Encoding.ASCII.GetBytes(Marker), .. "\n%%EOF"u8];
    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes(Marker)];
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes(Marker)];

    /// <summary>A Windows executable ("MZ") with a PDF's name.</summary>
    public static byte[] Exe => [0x4D, 0x5A, 0x90, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode")];

    private async Task<SubmissionReceipt> SubmittedAsync() => await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("png", "image/png")]
    public async Task A_PDF_JPEG_or_PNG_is_accepted_by_its_content_and_read_back_unchanged(string which, string contentType)
    {
        var bytes = which switch { "pdf" => Pdf, "jpeg" => Jpeg, _ => Png };
        var receipt = await SubmittedAsync();

        // The name says nothing about the content: it is the bytes that count.
        var uploaded = await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "scan.dat", bytes));

        Assert.Equal(contentType, uploaded.ContentType);
        Assert.Equal(bytes.Length, uploaded.Size);
        var back = await app.AsFamily(Email).SendAsync(new GetMyFileQuery(receipt.Reference, uploaded.FileId));
        Assert.Equal(bytes, back.Content);
        Assert.Equal(contentType, back.ContentType);
        Assert.Equal("scan.dat", back.FileName);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_whatever_its_name()
    {
        var receipt = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Identity, "passport.pdf", Exe)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "The file must be a PDF, JPG or PNG");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var receipt = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "empty.pdf", [])));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == UploadRules.Empty);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_and_one_of_exactly_10_MB_is_not()
    {
        var receipt = await SubmittedAsync();
        var tooBig = new byte[UploadRules.MaxBytes + 1];
        Pdf.CopyTo(tooBig, 0);

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "big.pdf", tooBig)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "The file must be smaller than 10 MB");
        await AssertNothingStoredAsync();
        var atLimit = tooBig[..(int)UploadRules.MaxBytes];
        var accepted = await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "limit.pdf", atLimit));
        Assert.Equal(UploadRules.MaxBytes, accepted.Size);
    }

    [Fact]
    public async Task Another_familys_reference_is_not_found_and_nothing_is_stored()
    {
        var receipt = await SubmittedAsync();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.AsFamily("someone.else@example.org").SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "a.pdf", Pdf)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsFamily("someone.else@example.org").SendAsync(new GetMyFilesQuery(receipt.Reference)));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Another_familys_file_id_is_not_found_even_with_their_own_reference()
    {
        var theirs = await SubmittedAsync();
        var file = await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(theirs.Reference, UploadKind.Evidence, "a.pdf", Pdf));
        var mine = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = "other.parent@example.org" });

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.AsFamily("other.parent@example.org").SendAsync(new GetMyFileQuery(mine.Reference, file.FileId)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.AsFamily("other.parent@example.org").SendAsync(new GetMyFileQuery(theirs.Reference, file.FileId)));
    }

    [Fact]
    public async Task ID_uploaded_while_it_is_awaited_restarts_the_clock_from_that_day()
    {
        var receipt = await SubmittedAsync();
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        await app.SendAsync(new RequestIdentityCommand(receipt.RequestId, detail.Version, "Email address does not match our records"));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 10, 0, 0, TimeSpan.Zero)); // two weeks later

        await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Identity, "passport.png", Png));

        var after = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(RequestStatus.InProgress, after.Status);
        Assert.Equal(new DateOnly(2026, 3, 16), after.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 16), after.DueOn);
        Assert.Contains(after.Timeline, e => e.What == "File added" && e.Who == "The family" && e.Detail.Contains("proof of identity", StringComparison.Ordinal));
        var listed = Assert.Single(after.Files);
        Assert.Equal("passport.png", listed.FileName);
        Assert.True(listed.FromFamily);
    }

    [Fact]
    public async Task Evidence_does_not_restart_the_clock_while_ID_is_awaited()
    {
        var receipt = await SubmittedAsync();
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        await app.SendAsync(new RequestIdentityCommand(receipt.RequestId, detail.Version, "Email address does not match our records"));

        await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "letter.pdf", Pdf));

        var after = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        Assert.Equal(RequestStatus.AwaitingIdentity, after.Status);
    }

    [Fact]
    public async Task The_file_on_disk_is_not_the_plaintext()
    {
        var receipt = await SubmittedAsync();
        var uploaded = await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Identity, "passport.pdf", Pdf));

        await using var db = app.Db();
        var row = await db.Files.SingleAsync(f => f.Id == uploaded.FileId);
        var path = Path.Combine(folder, "files", row.StoredName);
        var onDisk = await File.ReadAllBytesAsync(path);
        Assert.True(onDisk.Length > Pdf.Length);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker)));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("%PDF-"u8));
        Assert.DoesNotContain("passport", row.StoredName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Pdf)).ToLowerInvariant(), row.Sha256);
        Assert.Equal("family", row.UploadedBy);

        var store = app.Services.GetRequiredService<IFileStore>();
        Assert.Equal(Pdf, await store.ReadAsync(row.StoredName, CancellationToken.None));
    }

    [Fact]
    public async Task A_stored_file_that_was_tampered_with_does_not_decrypt()
    {
        var store = app.Services.GetRequiredService<IFileStore>();
        var name = await store.SaveAsync(Pdf, CancellationToken.None);
        var path = Path.Combine(folder, "files", name);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => store.ReadAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task The_case_organisations_caseworker_can_download_the_file_and_another_organisation_cannot()
    {
        var receipt = await SubmittedAsync();
        var uploaded = await app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Authority, "order.jpg", Jpeg));

        var download = await app.AsCaseworker("STK").SendAsync(new GetCaseFileQuery(receipt.RequestId, uploaded.FileId));
        Assert.Equal(Jpeg, download.Content);

        var other = app.OrganisationId("STK");
        var otherCode = (await app.Db().Organisations.Select(o => new { o.Code, o.Id }).ToListAsync()).First(o => o.Id != other).Code;
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker(otherCode).SendAsync(new GetCaseFileQuery(receipt.RequestId, uploaded.FileId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsFamily(Email).SendAsync(new GetCaseFileQuery(receipt.RequestId, uploaded.FileId)));
    }

    [Fact]
    public async Task A_finished_request_takes_no_more_files()
    {
        var receipt = await SubmittedAsync();
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        await app.SendAsync(new WithdrawRequestCommand(receipt.RequestId, detail.Version, "The family no longer needs it"));

        await Assert.ThrowsAsync<Domain.DomainRuleException>(() =>
            app.AsFamily(Email).SendAsync(new UploadEvidenceCommand(receipt.Reference, UploadKind.Evidence, "a.pdf", Pdf)));
        await AssertNothingStoredAsync();
        Assert.False((await app.AsFamily(Email).SendAsync(new GetMyFilesQuery(receipt.Reference))).CanUpload);
    }

    [Theory]
    [InlineData(@"C:\Users\pat\Documents\passport.pdf", "passport.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("bad\u0000na\r\nme.png", "badname.png")]
    [InlineData("", "file")]
    public void File_names_lose_their_paths_and_control_characters(string given, string expected) =>
        Assert.Equal(expected, UploadRules.CleanFileName(given));

    [Fact]
    public void A_long_file_name_is_cut_to_200_characters() =>
        Assert.Equal(200, UploadRules.CleanFileName(new string('a', 500) + ".pdf").Length);

    private async Task AssertNothingStoredAsync()
    {
        await using var db = app.Db();
        Assert.Equal(0, await db.Files.CountAsync());
        var files = Path.Combine(folder, "files");
        Assert.True(!Directory.Exists(files) || Directory.GetFiles(files).Length == 0);
    }
}
