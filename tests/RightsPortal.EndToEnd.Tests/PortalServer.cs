using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// Runs the real portal as its own process on a free loopback port with a fresh data folder (so the journey
/// also proves the first-start path: folder created, database migrated and seeded), and one headless Debian
/// Chromium for the journeys.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "rightsportal-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    public Uri BaseAddress { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public string ServerOutput { get { lock (output) return output.ToString(); } }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var projectDirectory = Metadata("WebProjectDirectory");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--no-build", "--no-launch-profile", "-c", Metadata("BuildConfiguration"), "--project", projectDirectory, "--", "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__FormPostsPerMinute"] = "1000";
        start.Environment["Portal__SignInPostsPerQuarterHour"] = "1000";
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();

        // Assertions wait up to 15 s: a 2-core CI machine starting a Blazor circuit can take longer than the default 5 s.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }

    public string DataDirectory => dataDirectory;

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException("The portal stopped while starting:\n" + ServerOutput);
            }

            try
            {
                var response = await http.GetAsync(BaseAddress);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }

            await Task.Delay(300);
        }

        throw new TimeoutException("The portal did not answer within 90 seconds:\n" + ServerOutput);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Metadata(string key) =>
        typeof(PortalServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Missing build metadata {key}.");
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
