using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Data;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The whole web app in memory (Development, so the demo staff are seeded) on its own temporary data folder:
/// the database is migrated and seeded when the first client is made, and the folder is deleted afterwards.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rightsportal-web-" + Guid.NewGuid().ToString("N"));

    public string DatabaseFile => Path.Combine(DataDirectory, "portal.db");

    protected virtual int FormPostsPerMinute => 10_000;

    protected virtual int ApiRequestsPerMinute => 10_000;

    protected virtual int SignInPostsPerQuarterHour => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabaseFile}");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:FormPostsPerMinute", FormPostsPerMinute.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:SignInPostsPerQuarterHour", SignInPostsPerQuarterHour.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:ApiRequestsPerMinute", ApiRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A browser that keeps cookies and shows each redirect instead of following it.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A short-lived context on the app's own database.</summary>
    public PortalDb Db() => Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();

    public async Task<int> RequestCountAsync()
    {
        await using var db = Db();
        return await db.Requests.CountAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the OS later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The same app allowing only two form posts a minute, to see the rate limit.</summary>
public sealed class TightlyLimitedApiPortalFactory : PortalFactory
{
    protected override int ApiRequestsPerMinute => 3;
}

/// <summary>The same app allowing one client three sign-in posts in 15 minutes.</summary>
public sealed class TightSignInPortalFactory : PortalFactory
{
    protected override int SignInPostsPerQuarterHour => 3;
}

public sealed class TightlyLimitedPortalFactory : PortalFactory
{
    protected override int FormPostsPerMinute => 2;
}
