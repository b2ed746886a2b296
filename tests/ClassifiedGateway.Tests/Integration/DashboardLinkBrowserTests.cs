using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The link status strip and the waiting lines in a real browser: the other node stopped, then back.</summary>
public sealed class DashboardLinkBrowserTests
{
    /// <summary>"Within a few seconds": the probe looks every 2 s and the relay's first failed attempt is immediate.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FewSeconds = new() { Timeout = 15_000 };

    /// <summary>The relay backs off up to 10 s between attempts while the other node is away.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Recovery = new() { Timeout = 45_000 };

    [Fact]
    public async Task The_other_node_stopped_shows_on_the_strip_and_the_rows_and_both_recover_when_it_returns()
    {
        await using var pair = await NodePair.StartAsync();
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("#link-strip[data-reachable='up']")).ToBeVisibleAsync(FewSeconds);
        await Expect(page.Locator("#link-state")).ToContainTextAsync("TM node reachable since");
        await Expect(page.Locator("#link-circuit")).ToHaveTextAsync("circuit: closed");

        await pair.TmNode.KillAsync();
        await Expect(page.Locator("#link-strip[data-reachable='down']")).ToBeVisibleAsync(FewSeconds);
        await Expect(page.Locator("#link-state")).ToContainTextAsync("TM node UNREACHABLE since");
        using (var http = Metrics.OperatorHttp(pair.KzSettings))
        {
            var ready = "";
            await Eventually.TrueAsync(async () => (ready = await http.GetStringAsync("/healthz/ready")) == "Degraded", TimeSpan.FromSeconds(15), () => ready);
        }

        // A notice sent meanwhile waits: the row says for whom, and the strip counts it.
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ["link-waits"], TimeProvider.System.GetUtcNow());
        var waiting = page.Locator("tr[data-id='link-waits'] .mark.waiting.down");
        await Expect(waiting).ToBeVisibleAsync(FewSeconds);
        await Expect(waiting).ToContainTextAsync("waiting for the other node since");
        await Expect(page.Locator("#link-outbox[data-depth='1']")).ToBeVisibleAsync(FewSeconds);
        await Expect(page.Locator("#link-undelivered")).ToHaveTextAsync("undelivered: 1");

        // Its own page says so too.
        await page.Locator("tr[data-id='link-waits']").ClickAsync();
        await Expect(page.Locator("#detail .waiting-line")).ToContainTextAsync("waiting for the other node since");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ConsoleArtifacts.File("strip-peer-down-en.png"), FullPage = true });
        await page.Locator("#back").ClickAsync();

        // The strip and the waiting mark in the operators' own languages.
        await page.SelectOptionAsync("#lang", "kk");
        await Expect(page.Locator("#link-state")).ToContainTextAsync("TM торабы");
        await Expect(page.Locator("#link-state")).ToContainTextAsync("ҚОЛЖЕТІМСІЗ");
        await Expect(waiting).ToContainTextAsync("басқа торапты күтуде");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ConsoleArtifacts.File("strip-peer-down-kk.png"), FullPage = true });
        await page.SelectOptionAsync("#lang", "tk");
        await Expect(page.Locator("#link-state")).ToContainTextAsync("ELÝETERSIZ");
        await Expect(waiting).ToContainTextAsync("beýleki düwne garaşýar");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ConsoleArtifacts.File("strip-peer-down-tk.png"), FullPage = true });
        await page.SelectOptionAsync("#lang", "en");

        await pair.StartTmAsync();
        await Expect(page.Locator("#link-strip[data-reachable='up']")).ToBeVisibleAsync(Recovery);
        await Expect(page.Locator("tr[data-id='link-waits']:not([data-stage='ACCEPTED'])")).ToBeVisibleAsync(Recovery);
        await Expect(page.Locator("tr[data-id='link-waits'] .mark.waiting")).ToHaveCountAsync(0);
        await Expect(page.Locator("#link-outbox[data-depth='0']")).ToBeVisibleAsync(Recovery);
        Assert.NotEqual(Stage.Accepted, await StoreFaults.StageAsync(pair.KzNode, "link-waits"));
    }
}
