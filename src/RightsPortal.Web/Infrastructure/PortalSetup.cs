using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using RightsPortal.Application;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Application.Seeding;
using RightsPortal.Web.Api;
using RightsPortal.Web.Components;
using RightsPortal.Web.Components.Account;
using RightsPortal.Web.Infrastructure.Mail;
using RightsPortal.Web.Infrastructure.Oversight;

namespace RightsPortal.Web.Infrastructure;

public static class PortalSetup
{
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
        services.Configure<PortalOptions>(builder.Configuration.GetSection("Portal"));

        var dataDirectory = options.ResolveDataDirectory(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = builder.Configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        }

        services.AddPortalDatabase(connectionString);

        // Keys for sign-in cookies and form tokens live with the data, so a restart does not sign staff out or
        // reject a family's half-filled form.
        services.AddDataProtection()
            .SetApplicationName("RightsPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddApplication();
        // Uploads are encrypted (AES-GCM) in <data>/files with a key file beside the Data Protection keys, never in the web root.
        services.Configure<Application.Files.FileStoreOptions>(o =>
        {
            o.Directory = Path.Combine(dataDirectory, "files");
            o.KeyFile = Path.Combine(dataDirectory, "keys", "file-encryption.key");
        });
        services.AddPortalMail(builder.Configuration, dataDirectory);
        services.AddDeadlineWatcher();
        services.AddRetentionSweeper();
        services.AddHostedService<AuditChainWatcher>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.AddExceptionHandler<CorrelatedExceptionHandler>();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RightsPortal API";
            document.Info.Description = "Statutory deadlines for UK data-protection rights over SEND and safeguarding records.";
            return Task.CompletedTask;
        }));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddFamilyAuthentication();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(60);
            o.SlidingExpiration = true;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.Policy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Integration));
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.Password.RequiredLength = 12;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) => rejected.HttpContext.Request.Path.StartsWithSegments("/api")
                ? new ValueTask(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "This client has sent too many requests. Wait a minute, then try again.").ExecuteAsync(rejected.HttpContext))
                : rejected.HttpContext.Request.Path.StartsWithSegments("/sign-in")
                    ? new ValueTask(CalmPage.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many attempts",
                        "There have been too many attempts to sign in from this device in a short time.",
                        "Wait 15 minutes, then ask for a new code. Your requests are safe and nothing has been lost."))
                    : new ValueTask(CalmPage.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many attempts",
                        "This has been sent too many times in a short time.", "Wait a minute, then try again. Anything you had already sent has been saved."));
            o.AddPolicy(DeadlineEndpoints.RateLimitPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(
                "api:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.ApiRequestsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            // Form posts (public forms, sign-in) are limited per client; page views and the staff circuit are not. Sign-in
            // posts also have their own, longer window per client (codes are limited per address too: three sent, five tries).
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                {
                    if (!IsFormPost(ctx))
                    {
                        return RateLimitPartition.GetNoLimiter("reads");
                    }

                    var limit = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.FormPostsPerMinute;
                    return RateLimitPartition.GetFixedWindowLimiter("post:" + Client(ctx), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, limit),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                {
                    if (!IsFormPost(ctx) || !ctx.Request.Path.StartsWithSegments("/sign-in"))
                    {
                        return RateLimitPartition.GetNoLimiter("not-sign-in");
                    }

                    var limit = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.SignInPostsPerQuarterHour;
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Client(ctx), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, limit),
                        Window = TimeSpan.FromMinutes(15),
                        QueueLimit = 0,
                    });
                }));

            static bool IsFormPost(HttpContext ctx) => HttpMethods.IsPost(ctx.Request.Method) && !ctx.Request.Path.StartsWithSegments("/_blazor");
            static string Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        });
    }

    public static async Task InitialisePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("RightsPortal.Startup");
        var dbs = sp.GetRequiredService<IDbContextFactory<PortalDb>>();
        await using var db = await dbs.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await PortalSeeder.SeedOrganisationsAsync(db, clock: sp.GetRequiredService<TimeProvider>());

        var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        if (app.Environment.IsDevelopment() && options.SeedDemoStaff)
        {
            await PortalSeeder.SeedDemoStaffAsync(db, sp.GetRequiredService<UserManager<StaffUser>>(), sp.GetRequiredService<RoleManager<IdentityRole>>());
            logger.LogInformation("Demo staff sign-ins are ready (Development only; see README).");
        }

        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public static void UsePortal(this WebApplication app)
    {
        // A calm error page with a correlation id in every environment: never a stack trace.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<CalmFormRejectionMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<FormUploadLimitMiddleware>(); // before anything reads a form that may carry a file
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapFamilyEndpoints();
        app.MapDeadlineEndpoints();
        app.MapRequestEndpoints();
        app.MapLetterEndpoints();
        app.MapFileEndpoints();
        app.MapOversightExportEndpoints();
        app.MapOpenApi();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"RightsPortal is running at {address} (environment: {app.Environment.EnvironmentName}). Press Ctrl+C to stop.");
            }
        });
    }
}
