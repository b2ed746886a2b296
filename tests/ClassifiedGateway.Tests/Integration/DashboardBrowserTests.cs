using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The operators' dashboard in a real browser (headless Debian chromium) against two real nodes.</summary>
public sealed class DashboardBrowserTests
{
    private const string Start = "2027-03-10T06:00:00+00:00";

    [Fact]
    public async Task A_notice_appears_changes_stage_live_shows_overdue_and_the_language_switches()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("#live.on")).ToBeVisibleAsync();
        await Expect(page.Locator("#banner")).ToContainTextAsync("in force");

        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await x.SendAsync(Party.Kz, "dash-ccr", Case.ClearanceConfirmationRequest, "kz-knb", "tm-mns", e => e.ClearanceConfirmationRequest.AuthorizedBodyId = "tm-ab-1");
        await x.SendAsync(Party.Tm, "dash-cc", Case.ClearanceConfirmation, "tm-mns", "kz-knb", e =>
        {
            e.InReplyTo = "dash-ccr";
            e.ClearanceConfirmation = new() { AuthorizedBodyId = "tm-ab-1", Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = new CalendarDate { Year = 2028, Month = 1, Day = 1 } };
        });
        await x.SendAsync(Party.Kz, "dash-transfer", Case.TransferNotice, "kz-ab-1", "tm-ab-1");

        // Appears without a reload, then moves to ACKNOWLEDGED when TM's system acknowledges.
        var row = page.Locator("tr[data-id='dash-transfer']");
        await Expect(row).ToBeVisibleAsync();
        await pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "dash-transfer" });
        await Expect(page.Locator("tr[data-id='dash-transfer'][data-stage='ACKNOWLEDGED']")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Acknowledged");
        await Expect(row).ToContainTextAsync("Құпия (Секретно)");

        // No receipt within the policy's 10 days: overdue, marked in the table and first in the obligations panel.
        await pair.KzNode.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(5)) });
        await Expect(page.Locator("tr[data-id='dash-transfer'][data-overdue='true']")).ToBeVisibleAsync();
        await Expect(row.Locator(".mark.overdue")).ToHaveTextAsync("OVERDUE");
        await Expect(page.Locator("#obligations li").First).ToContainTextAsync("Receipt confirmation due");
        await Expect(page.Locator("#obligations li").First).ToContainTextAsync("policy, not treaty text");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts("dashboard-en.png"), FullPage = true });

        // The language switch changes every label, and the level keeps its national form with Russian alongside.
        await page.SelectOptionAsync("#lang", "kk");
        await Expect(page.Locator("h1")).ToHaveTextAsync("ClassifiedGateway — операторлар");
        await Expect(row).ToContainTextAsync("Расталды");
        await Expect(row.Locator(".mark.overdue")).ToHaveTextAsync("МЕРЗІМІ ӨТТІ");
        await Expect(page.Locator("#obligations li .mark.overdue").First).ToHaveTextAsync("МЕРЗІМІ ӨТТІ");
        await Expect(page.Locator("#obligations li").First).ToContainTextAsync("борышкер");
        await Expect(page.Locator("#obligations li").First).ToContainTextAsync("Алынғанын растау");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts("dashboard-kk.png"), FullPage = true });
        await page.SelectOptionAsync("#lang", "ru");
        await Expect(page.Locator("th[data-sort=kind]")).ToHaveTextAsync("Вид");
        await page.SelectOptionAsync("#lang", "tk");
        await Expect(page.Locator("h1")).ToHaveTextAsync("ClassifiedGateway — operatorlar");

        // One message's page: its timeline, receipt and related messages.
        await page.SelectOptionAsync("#lang", "en");
        await row.ClickAsync();
        await Expect(page.Locator("[data-testid=detail-stage]")).ToHaveTextAsync("Acknowledged");
        await Expect(page.Locator("#detail")).ToContainTextAsync("STORED");
        await Expect(page.Locator("#detail .timeline li.OVERDUE")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=evidence]")).ToHaveAttributeAsync("href", "/api/messages/dash-transfer/evidence");
        var evidence = await page.APIRequest.GetAsync(origin + "/api/messages/dash-transfer/evidence");
        Assert.Equal(200, evidence.Status);
        Assert.Equal("dash-transfer", Evidence.Parser.ParseFrom(await evidence.BodyAsync()).MessageId);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts("dashboard-message-en.png"), FullPage = true });
    }

    [Fact]
    public async Task Only_operators_get_in()
    {
        await using var pair = await NodePair.StartAsync();
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-knb"));
        var page = await browser.Context.NewPageAsync();
        var response = await page.GotoAsync(origin + "/api/summary");
        Assert.Equal(403, response!.Status);
    }

    private static string Artifacts(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        var artifacts = Path.Combine(directory!.FullName, "artifacts");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, name);
    }
}
