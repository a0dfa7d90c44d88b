using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Web.Components.Pages.Staff;

namespace RightsPortal.Web.Tests;

/// <summary>The email wording page rendered by bUnit over the real pipeline and a migrated in-memory database.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class MailTemplatesPageTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly BunitContext ctx = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly PageActor actor = new();
    private Guid stoke;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddPortalDatabase(connection);
        ctx.Services.AddApplication();
        ctx.Services.AddSingleton<TimeProvider>(clock);
        ctx.Services.AddSingleton<ICurrentActor>(actor);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await PortalSeeder.SeedOrganisationsAsync(db);
        stoke = await db.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await connection.DisposeAsync();
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Render()
    {
        var cut = ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MailTemplatesPage>(1);
            b.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.Equal(MailKindCatalogue.All.Count, cut.FindAll("[data-testid=template-row]").Count));
        return cut;
    }

    private static string StatusOf(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string kind) =>
        cut.Find($"[data-testid=template-row][data-kind={kind}] [data-testid=template-status]").TextContent.Trim();

    private async Task<List<MailTemplate>> StoredAsync()
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.MailTemplates.AsNoTracking().ToListAsync();
    }

    [Fact]
    public void A_dpo_sees_every_kind_of_email_for_their_own_organisation_with_a_preview_of_the_default()
    {
        actor.SignIn(Roles.Dpo, stoke);

        var cut = Render();

        Assert.Equal("Stoke-on-Trent City Council", cut.Find("[data-testid=organisation-name]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=organisation-select]"));
        Assert.All(MailKindCatalogue.All, k => Assert.Equal("Default", StatusOf(cut, k.Kind)));
        Assert.Equal(MailKinds.Acknowledgement, cut.Find("[data-testid=template-editor]").GetAttribute("data-kind"));
        Assert.Equal("We have received your request (STK-2026-000123)", cut.Find("[data-testid=preview-subject]").TextContent);
        Assert.Contains("You will hear from us by Thursday 2 April 2026 at the latest.", cut.Find("[data-testid=preview-body]").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=placeholder]"), p => p.TextContent.Contains("{received-on}", StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=save-template]").HasAttribute("disabled")); // nothing changed yet
        Assert.True(cut.Find("[data-testid=reset-template]").HasAttribute("disabled")); // already the default
        Assert.Equal("yes", cut.Find("[data-testid=mail-templates]").GetAttribute("data-interactive"));
    }

    [Fact]
    public void An_unknown_or_missing_placeholder_is_explained_as_it_is_typed_and_cannot_be_saved()
    {
        actor.SignIn(Roles.Dpo, stoke);
        var cut = Render();

        cut.Find("textarea[data-testid=body-input]").Input("Dear parent of {childname}, we have {reference}.");

        cut.WaitForAssertion(() =>
        {
            var problems = cut.FindAll("[data-testid=template-problem]").Select(p => p.TextContent).ToList();
            Assert.Contains(problems, p => p.StartsWith("\"{childname}\" is not allowed in this email", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Include {due-on}", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Include {link}", StringComparison.Ordinal));
        });
        Assert.True(cut.Find("[data-testid=save-template]").HasAttribute("disabled"));
        Assert.Contains("{childname}", cut.Find("[data-testid=preview-body]").TextContent, StringComparison.Ordinal); // never filled
    }

    [Fact]
    public async Task Saving_own_wording_marks_it_customised_and_going_back_restores_the_default()
    {
        actor.SignIn(Roles.Dpo, stoke);
        var cut = Render();

        cut.Find("input[data-testid=subject-input]").Input("Thank you ({reference})");
        cut.Find("textarea[data-testid=body-input]").Input("Thank you. {reference} will be answered by {due-on}. {link}");
        cut.WaitForAssertion(() => Assert.Equal("Thank you. STK-2026-000123 will be answered by Thursday 2 April 2026. http://localhost:5094/",
            cut.Find("[data-testid=preview-body]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=template-problem]"));
        cut.Find("[data-testid=save-template]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Customised", StatusOf(cut, MailKinds.Acknowledgement)));
        var saved = Assert.Single(await StoredAsync());
        Assert.Equal(("Thank you ({reference})", stoke, MailKinds.Acknowledgement), (saved.Subject, saved.OrganisationId, saved.Kind));

        cut.Find("[data-testid=reset-template]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Default", StatusOf(cut, MailKinds.Acknowledgement)));
        Assert.Empty(await StoredAsync());
        Assert.Equal("We have received your request ({reference})", cut.Find("input[data-testid=subject-input]").GetAttribute("value"));
    }

    [Fact]
    public void Choosing_the_sign_in_code_shows_that_it_needs_the_code_and_has_no_link()
    {
        actor.SignIn(Roles.Dpo, stoke);
        var cut = Render();

        cut.Find($"[data-testid=template-row][data-kind={MailKinds.SignInCode}] [data-testid=choose-template]").Click();

        cut.WaitForAssertion(() => Assert.Equal(MailKinds.SignInCode, cut.Find("[data-testid=template-editor]").GetAttribute("data-kind")));
        var placeholders = cut.FindAll("[data-testid=placeholder]").Select(p => p.TextContent).ToList();
        Assert.Contains(placeholders, p => p.Contains("{code}", StringComparison.Ordinal) && p.Contains("Yes", StringComparison.Ordinal));
        Assert.DoesNotContain(placeholders, p => p.Contains("{link}", StringComparison.Ordinal));
        Assert.Contains("Your sign-in code is: 482913", cut.Find("[data-testid=preview-body]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrator_can_choose_the_organisation()
    {
        actor.SignIn(Roles.Administrator, null);

        var cut = Render();

        Assert.NotEmpty(cut.FindAll("[data-testid=organisation-select]"));
        Assert.Empty(cut.FindAll("[data-testid=organisation-name]"));
    }

    private sealed class PageActor : ICurrentActor
    {
        private string? role;

        public bool IsAuthenticated => role is not null;
        public string? UserId => role is null ? null : "bunit-" + role.ToLowerInvariant();
        public Guid? OrganisationId { get; private set; }
        public bool IsInRole(string inRole) => role == inRole;
        public string? VerifiedFamilyEmail => null;

        public void SignIn(string asRole, Guid? organisation) => (role, OrganisationId) = (asRole, organisation);
    }
}

/// <summary>The email wording and reminders pages over HTTP, with the demo staff.</summary>
public sealed class StaffMailPagesHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static async Task<HttpClient> SignedInAsync(PortalFactory portal, string email)
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        var signedIn = await form.PostAsync(client, [new("Input.Email", email), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Contains(signedIn.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        return client;
    }

    [Fact]
    public async Task A_dpo_opens_the_email_wording_page_from_the_menu()
    {
        var client = await SignedInAsync(portal, "dpo.stk@rightsportal.test");

        var page = await client.GetAsync("/admin/mail-templates");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Email wording", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/mail-templates\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reminders\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_cannot_open_the_email_wording_page_but_sees_their_reminders()
    {
        var client = await SignedInAsync(portal, "caseworker.stk@rightsportal.test");

        var wording = await client.GetAsync("/admin/mail-templates");
        var reminders = await client.GetAsync("/reminders");

        Assert.Equal(HttpStatusCode.Redirect, wording.StatusCode);
        Assert.Contains("/Account/AccessDenied", wording.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
        var html = await reminders.Content.ReadAsStringAsync();
        Assert.Contains("You have no reminders.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/mail-templates\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_not_signed_in_is_sent_to_sign_in()
    {
        foreach (var path in new[] { "/admin/mail-templates", "/reminders" })
        {
            var response = await portal.Browser().GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}
