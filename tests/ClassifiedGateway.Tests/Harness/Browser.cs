using Microsoft.Playwright;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Headless Debian chromium driven by Playwright, presenting an operator's client certificate to one node.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    /// <summary>The chromium the test command installs (Debian's package), or CHROMIUM_PATH.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<Browser> OpenAsync(string origin, string certificate)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // The node's certificate comes from the Party's own CA, which the browser does not know; the client certificate is what is tested.
            IgnoreHTTPSErrors = true,
            ClientCertificates = [new ClientCertificate { Origin = origin, CertPath = certificate + ".crt", KeyPath = certificate + ".key" }],
            ViewportSize = new ViewportSize { Width = 1400, Height = 800 },
        });
        return new Browser(playwright, browser, context);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
