using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;
using Seeding = RightsPortal.Application.Seeding;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Tests;

/// <summary>A signed-in family uploads and downloads files over real HTTP, without JavaScript; bad files get calm answers.</summary>
public sealed partial class UploadHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Marker = "MARKER-Robin-Webchild-birth-certificate";

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. Encoding.ASCII.GetBytes(Marker), .. "\n%%EOF"u8];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, .. "This program cannot be run in DOS mode"u8];

    [Fact]
    public async Task A_family_uploads_a_PDF_sees_it_listed_and_downloads_it_back_identical()
    {
        var (client, reference) = await SignedInFamilyWithRequestAsync();

        var page = await PageAsync(client, reference);
        Assert.Contains("data-testid=\"upload-form\"", page, StringComparison.Ordinal);
        Assert.Contains("smaller than 10 MB", page, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);

        var response = await UploadAsync(client, reference, page, "birth certificate.pdf", Pdf, "Authority");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/my-requests/{reference}?upload=done", response.Headers.Location!.OriginalString.Split('#')[0]);

        var after = WebUtility.HtmlDecode(await PageAsync(client, reference + "?upload=done"));
        Assert.Contains("data-testid=\"upload-done\"", after, StringComparison.Ordinal);
        var link = FileLink().Match(after);
        Assert.True(link.Success, "The file is listed with a download link.");
        Assert.Contains("birth certificate.pdf", after, StringComparison.Ordinal);
        Assert.Contains("The family added evidence of authority to act: birth certificate.pdf.", after, StringComparison.Ordinal);

        var download = await client.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // Stored encrypted, in the data folder, not under the web root.
        var stored = Directory.GetFiles(Path.Combine(portal.DataDirectory, "files"));
        Assert.NotEmpty(stored);
        Assert.All(stored, f => Assert.DoesNotContain(Marker, Encoding.ASCII.GetString(File.ReadAllBytes(f)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disguised_executable_is_refused_with_a_message_saying_why()
    {
        var (client, reference) = await SignedInFamilyWithRequestAsync();
        var page = await PageAsync(client, reference);

        var response = await UploadAsync(client, reference, page, "passport.pdf", Exe, "Identity");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var shown = WebUtility.HtmlDecode(await PageAsync(client, response.Headers.Location!.OriginalString.Split('#')[0]["/my-requests/".Length..]));
        Assert.Contains("data-testid=\"upload-error\"", shown, StringComparison.Ordinal);
        Assert.Contains("The file must be a PDF, JPG or PNG", shown, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-files\"", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_upload_gets_a_calm_refusal_not_a_crash()
    {
        var (client, reference) = await SignedInFamilyWithRequestAsync();
        var page = await PageAsync(client, reference);
        var big = new byte[UploadRules.MaxBytes + 200 * 1024];
        Pdf.CopyTo(big, 0);

        var response = await UploadAsync(client, reference, page, "huge.pdf", big, "Evidence");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The file must be smaller than 10 MB", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at RightsPortal", html, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.False(await db.Files.AnyAsync(f => f.FileName == "huge.pdf"));
    }

    [Fact]
    public async Task An_upload_without_the_pages_token_is_refused()
    {
        var (client, reference) = await SignedInFamilyWithRequestAsync();

        using var content = Multipart(null, "a.pdf", Pdf, "Evidence");
        var response = await client.PostAsync($"/my-requests/{reference}/files", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not accept that", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_familys_file_and_request_are_not_found()
    {
        var (owner, reference) = await SignedInFamilyWithRequestAsync();
        await UploadAsync(owner, reference, await PageAsync(owner, reference), "mine.pdf", Pdf, "Evidence");
        var fileId = await FileIdAsync(reference, "mine.pdf");
        var (other, otherReference) = await SignedInFamilyWithRequestAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my-requests/{reference}/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my-requests/{otherReference}/files/{fileId}")).StatusCode);
        var upload = await UploadAsync(other, reference, await PageAsync(other, otherReference), "sneaky.pdf", Pdf, "Evidence");
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/my-requests/{reference}/files/{fileId}")).StatusCode);

        // Not signed in at all: sent to sign in, never the file.
        var anonymous = portal.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/my-requests/{reference}/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task The_caseworker_of_the_organisation_downloads_the_file_and_a_family_cookie_does_not()
    {
        var (family, reference) = await SignedInFamilyWithRequestAsync();
        await UploadAsync(family, reference, await PageAsync(family, reference), "id.pdf", Pdf, "Identity");
        var fileId = await FileIdAsync(reference, "id.pdf");
        var requestId = await RequestIdAsync(reference);
        var path = $"/casework/requests/{requestId}/files/{fileId}";

        Assert.Equal(HttpStatusCode.Redirect, (await family.GetAsync(path)).StatusCode);

        var staff = portal.Browser();
        var form = await StaticForm.OpenAsync(staff, "/Account/Login?ReturnUrl=%2Fcasework");
        var signedIn = await form.PostAsync(staff, [new("Input.Email", "caseworker.stk@rightsportal.test"), new("Input.Password", Seeding.PortalSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var download = await staff.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        var elsewhere = portal.Browser();
        var otherForm = await StaticForm.OpenAsync(elsewhere, "/Account/Login?ReturnUrl=%2Fcasework");
        var otherCode = await OtherOrganisationCodeAsync();
        await otherForm.PostAsync(elsewhere, [new("Input.Email", $"caseworker.{otherCode}@rightsportal.test"), new("Input.Password", Seeding.PortalSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_response_letter_downloads_as_Word_only_once_the_request_is_closed()
    {
        var (client, reference) = await SignedInFamilyWithRequestAsync();
        var letterPath = $"/my-requests/{reference}/response.docx";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(letterPath)).StatusCode);
        Assert.DoesNotContain("data-testid=\"response-letter\"", await PageAsync(client, reference), StringComparison.Ordinal);

        await CloseAsync(await RequestIdAsync(reference));

        var page = await PageAsync(client, reference);
        Assert.Contains("data-testid=\"response-letter\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"upload-form\"", page, StringComparison.Ordinal);
        var letter = await client.GetAsync(letterPath);
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", letter.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", letter.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await letter.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        var (other, _) = await SignedInFamilyWithRequestAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(letterPath)).StatusCode);
    }

    private async Task<(HttpClient Client, string Reference)> SignedInFamilyWithRequestAsync()
    {
        var client = portal.Browser();
        var email = $"family-{Guid.NewGuid():N}@example.org";
        var form = await StaticForm.OpenAsync(client, "/stk/access-request");
        var submission = form.Value("Form.SubmissionId")!;
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, AccessRequestFields.Valid(submission).With("Form.RequesterEmail", email))).StatusCode);
        string reference;
        await using (var db = portal.Db())
        {
            var id = Guid.Parse(submission);
            reference = await db.Requests.Where(r => r.SubmissionId == id).Select(r => r.Reference).SingleAsync();
        }

        var signIn = await StaticForm.OpenAsync(client, "/sign-in");
        var checkEmail = await signIn.PostAsync(client, [new("Form.Email", email)]);
        var checkHtml = await checkEmail.Content.ReadAsStringAsync();
        var page = new StaticForm("/sign-in/code", checkHtml, "", "");
        string code;
        await using (var db = portal.Db())
        {
            var bodies = await db.Outbox.Where(m => m.To == email && m.Kind == SignInCodeRules.MailKind).Select(m => m.Body).ToListAsync();
            code = SixDigits().Match(bodies.Last()).Value;
        }

        var entered = await StaticForm.PostRawAsync(client, "/sign-in/code",
        [
            new("__RequestVerificationToken", page.Value("__RequestVerificationToken")!),
            new("_handler", page.Value("_handler")!),
            new("Form.Email", page.Value("Form.Email")!),
            new("Form.Code", code),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        return (client, reference);
    }

    private static async Task<string> PageAsync(HttpClient client, string referenceAndQuery)
    {
        var response = await client.GetAsync($"/my-requests/{referenceAndQuery}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the upload form as a browser would: the page's token, what the file is, and the file.</summary>
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string reference, string pageHtml, string fileName, byte[] bytes, string kind)
    {
        var uploadForm = pageHtml[pageHtml.IndexOf("data-testid=\"upload-form\"", StringComparison.Ordinal)..];
        var token = new StaticForm("", uploadForm, "", "").Value("__RequestVerificationToken");
        var content = Multipart(token, fileName, bytes, kind);
        return client.PostAsync($"/my-requests/{reference}/files", content);
    }

    private static MultipartFormDataContent Multipart(string? token, string fileName, byte[] bytes, string kind)
    {
        var content = new MultipartFormDataContent();
        if (token is not null) content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what the browser claims; never trusted
        content.Add(file, "file", fileName);
        return content;
    }

    private async Task<Guid> FileIdAsync(string reference, string fileName)
    {
        await using var db = portal.Db();
        var requestId = await db.Requests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
        return await db.Files.Where(f => f.RequestId == requestId && f.FileName == fileName).Select(f => f.Id).SingleAsync();
    }

    private async Task<Guid> RequestIdAsync(string reference)
    {
        await using var db = portal.Db();
        return await db.Requests.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }

    private async Task<string> OtherOrganisationCodeAsync()
    {
        await using var db = portal.Db();
        return (await db.Organisations.Where(o => o.Code != "STK").Select(o => o.Code).FirstAsync()).ToLowerInvariant();
    }

    /// <summary>A caseworker of STK responds and closes the request, through the app's own pipeline.</summary>
    private async Task CloseAsync(Guid requestId)
    {
        Guid organisationId;
        await using (var db = portal.Db())
        {
            organisationId = await db.Requests.Where(r => r.Id == requestId).Select(r => r.OrganisationId).SingleAsync();
        }

        var accessor = portal.Services.GetRequiredService<IHttpContextAccessor>();
        await using var scope = portal.Services.CreateAsyncScope();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "test-caseworker"),
                new Claim(StaffClaimsFactory.OrganisationClaim, organisationId.ToString()),
                new Claim(ClaimTypes.Role, Roles.Caseworker),
            ], "test")),
        };
        try
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var detail = await mediator.Send(new GetRequestDetailQuery(requestId));
            var s1 = await mediator.Send(new ProceedWithoutIdentityCommand(requestId, detail.Version, "Known parent"));
            var s2 = await mediator.Send(new DraftResponseCommand(requestId, s1.Version, Outcome.Refused, "Refused as manifestly excessive"));
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Application.UkTime.Zone).DateTime);
            await mediator.Send(new CloseRequestCommand(requestId, s2.Version, Outcome.Refused, today, "The same records were sent last month."));
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [GeneratedRegex("href=\"(/my-requests/[^\"]+/files/[0-9a-f-]{36})\"")]
    private static partial Regex FileLink();

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
