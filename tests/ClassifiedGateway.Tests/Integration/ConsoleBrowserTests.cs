using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Texts;
using ClassifiedGateway.Tests.Harness;
using ClassifiedGateway.Tests.Unit.ConsoleUi;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The operators' console in real chromium against two real nodes: search, sorting, inclusive dates, unknown ids, CSV,
/// traffic, the layout at 1024 and 1400 px, and the Kazakh and Turkmen pages with no English sentence (screenshots in artifacts/screenshots/).</summary>
public sealed class ConsoleBrowserTests
{
    private const string Start = "2027-03-02T06:00:00+00:00";

    [Fact]
    public async Task Search_by_id_correlation_id_and_part_of_a_name_sorts_filters_days_exports_and_fits_1024_px()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await Exchanged(pair);
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='ui-transfer'] td.id")).ToHaveTextAsync("ui-transfer");

        // By id: exactly that message. By correlation id: the same one.
        await Search(page, "ui-transfer");
        await Expect(page.Locator("#messages tbody tr")).ToHaveCountAsync(1);
        await Search(page, "corr-ui-transfer");
        await Expect(page.Locator("#messages tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#messages tbody tr").First).ToHaveAttributeAsync("data-id", "ui-transfer");

        // Part of a kind ("Transfer") and of a body ("knb"), any case.
        await Search(page, "Transfer");
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='ui-t2']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='ui-ccr']")).ToHaveCountAsync(0);
        await Search(page, "KNB");
        await Expect(page.Locator("tr[data-id='ui-ccr']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToHaveCountAsync(0);

        // Nothing found says so.
        await Search(page, "no-such-thing");
        await Expect(page.Locator("#messages tbody tr")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("No message id or correlation id is 'no-such-thing'");
        await Search(page, "");
        await page.FillAsync("input[name=kind]", "Teleport");
        await page.ClickAsync("#filters button[type=submit]");
        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("No kind name contains 'Teleport'");
        await page.ClickAsync("#filters button[type=reset]");

        // From = To = the day of the exchange (host time zone) finds its rows; the day before finds none.
        await page.FillAsync("input[name=from]", "2027-03-02");
        await page.FillAsync("input[name=to]", "2027-03-02");
        await page.ClickAsync("#filters button[type=submit]");
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();
        await page.FillAsync("input[name=from]", "2027-03-01");
        await page.FillAsync("input[name=to]", "2027-03-01");
        await page.ClickAsync("#filters button[type=submit]");
        await Expect(page.Locator("#messages tbody tr")).ToHaveCountAsync(0);
        await page.ClickAsync("#filters button[type=reset]");
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();

        // Sorting by id, both ways.
        await page.ClickAsync("th[data-sort=id]");
        var ids = await page.Locator("#messages tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), ids);
        await page.ClickAsync("th[data-sort=id]");
        var reversed = await page.Locator("#messages tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(Enumerable.Reverse(ids).ToArray(), reversed);

        // An unknown id in the address: the page says so instead of showing the list silently.
        await page.GotoAsync("about:blank");
        await page.GotoAsync(origin + "/#no-such-message");
        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("There is no message with the id 'no-such-message'");

        // CSV of the filtered list: metadata, escaped.
        var csv = await page.APIRequest.GetAsync(origin + "/api/export.csv?q=knb");
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,correlation_id,kind,direction,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("ui-ccr,corr-ui-ccr,ClearanceConfirmationRequest,outbound,KZ,kz-knb,TM,tm-mns,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("ui-transfer,", StringComparison.Ordinal));

        // Traffic over the last days, drawn by the page.
        await Expect(page.Locator("[data-testid=traffic-svg] rect").First).ToBeAttachedAsync();

        // No clipped column at 1400 or at 1024 px.
        foreach (var width in new[] { 1400, 1024 })
        {
            await page.SetViewportSizeAsync(width, 800);
            await page.GotoAsync(origin + "/");
            await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();
            var fits = await page.EvaluateAsync<bool>("() => { const w = document.querySelector('#table-wrap'); return w.scrollWidth <= w.clientWidth + 1 && document.documentElement.scrollWidth <= window.innerWidth; }");
            Assert.True(fits, $"the table is clipped at {width} px");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"list-en-{width}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task Kazakh_and_Turkmen_pages_show_no_English_sentence_and_every_template_renders_in_every_language()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await Exchanged(pair);
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("tr[data-id='ui-transfer']")).ToBeVisibleAsync();

        // Every template in every language, with values of every type: nothing missing, no placeholder or English value left.
        var samples = TextCatalogue.All.Select(t => new Dictionary<string, object>
        {
            ["code"] = t.Code,
            ["params"] = t.Parameters.ToDictionary(p => p.Name, p => (object)ConsoleTextsTests.Sample(p.Type, p.Name)),
        }).ToArray();
        foreach (var language in new[] { "ru", "kk", "tk" })
        {
            var problems = await page.EvaluateAsync<string[]>("""
                ([lang, samples]) => {
                  window.cgTexts.setLang(lang);
                  const out = [];
                  for (const s of samples) {
                    const tpl = window.cgTexts.template(s.code, lang);
                    if (!tpl) { out.push(s.code + ": missing"); continue; }
                    const text = window.cgTexts.fill(tpl, s.params, { description: { code: "O.RECEIPT_CONFIRMATION_DUE", params: { within: "240 hours" } } });
                    if (/[{}]|undefined|NaN/.test(text)) out.push(s.code + ": " + text);
                    for (const english of ["Top secret", "TransferNotice", " hours", "Turkmenistan", "written permission", "ahead of", "Delivered", "policy, not treaty text"]) {
                      if (text.includes(english)) out.push(s.code + ": '" + english + "' in " + text);
                    }
                  }
                  return out;
                }
                """, new object[] { language, samples });
            Assert.True(problems.Length == 0, $"{language}: " + string.Join("\n", problems));
        }

        foreach (var (language, article, refused) in new[] { ("kk", "5.1-бап", "ҚАБЫЛДАНБАДЫ"), ("tk", "5.1-nji madda", "RET EDILDI") })
        {
            await page.GotoAsync(origin + "/");
            await page.SelectOptionAsync("#lang", language);
            await Expect(page.Locator("tr[data-id='ui-t2'] .mark.refused")).ToContainTextAsync(refused);
            await Expect(page.Locator("tr[data-id='ui-t2'] .mark.refused")).ToContainTextAsync(article);
            await NoEnglish(page, "#list-view", language);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"list-{language}.png"), FullPage = true });

            await page.ClickAsync("tr[data-id='ui-t2']");
            await Expect(page.Locator("[data-testid=detail-id]")).ToHaveTextAsync("ui-t2");
            await Expect(page.Locator("#detail")).ToContainTextAsync(article);
            await NoEnglish(page, "#detail", language);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"message-refused-{language}.png"), FullPage = true });

            await page.GotoAsync(origin + "/#ui-b1");
            await Expect(page.Locator("[data-testid=detail-id]")).ToHaveTextAsync("ui-b1");
            await Expect(page.Locator("#detail .timeline li.FLAG")).ToBeVisibleAsync();
            await NoEnglish(page, "#detail", language);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"message-flagged-{language}.png"), FullPage = true });
        }

        // The other node down: a transfer waits at ACCEPTED. (The link status strip, when it lands, is in these pictures too.)
        await pair.TmNode.KillAsync();
        var waiting = Notices.Envelope("ui-t3", Party.Kz, DateTimeOffset.Parse(Start), Case.TransferNotice);
        waiting.SenderBody = "kz-ab-1";
        waiting.ReceiverBody = "tm-ab-1";
        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = waiting });
        foreach (var language in new[] { "kk", "tk" })
        {
            await page.GotoAsync(origin + "/");
            await page.SelectOptionAsync("#lang", language);
            await Expect(page.Locator("tr[data-id='ui-t3'][data-stage='ACCEPTED']")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"other-node-down-list-{language}.png"), FullPage = true });
            await page.ClickAsync("tr[data-id='ui-t3']");
            await Expect(page.Locator("[data-testid=detail-id]")).ToHaveTextAsync("ui-t3");
            await NoEnglish(page, "#detail", language);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.Path($"other-node-down-message-{language}.png"), FullPage = true });
        }
    }

    /// <summary>A clearance request and confirmation, a transfer, a transfer to an uncleared body (refused, Art. 5.1), a visit asked for
    /// too late (refused, Art. 9.2) and a breach notice sent late (flagged, Art. 11).</summary>
    private static async Task Exchanged(NodePair pair)
    {
        var now = DateTimeOffset.Parse(Start);
        var x = new Exchange(pair, now);
        await x.SendAsync(Party.Kz, "ui-ccr", Case.ClearanceConfirmationRequest, "kz-knb", "tm-mns", e => e.ClearanceConfirmationRequest.AuthorizedBodyId = "tm-ab-1");
        await x.SendAsync(Party.Tm, "ui-cc", Case.ClearanceConfirmation, "tm-mns", "kz-knb", e =>
        {
            e.InReplyTo = "ui-ccr";
            e.ClearanceConfirmation = new() { AuthorizedBodyId = "tm-ab-1", Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = new CalendarDate { Year = 2028, Month = 1, Day = 1 } };
        });
        await x.SendAsync(Party.Kz, "ui-transfer", Case.TransferNotice, "kz-ab-1", "tm-ab-1");
        await x.RefusedAsync(Party.Kz, "ui-t2", Case.TransferNotice, "kz-ab-1", "tm-ab-2");
        await x.RefusedAsync(Party.Kz, "ui-v1", Case.VisitRequest, "kz-knb", "tm-mns", e => e.VisitRequest = Notices.Visit(new DateOnly(2027, 3, 31)));
        await x.SendAsync(Party.Kz, "ui-b1", Case.BreachNotification, "kz-knb", "tm-mns",
            e => e.BreachNotification.DiscoveredAt = Timestamp.FromDateTimeOffset(now.AddDays(-5)));
    }

    private static async Task Search(IPage page, string term)
    {
        await page.FillAsync("[data-testid=search]", term);
        // Waiting starts before the click: a response that came back before the wait began was missed (CI timed out once).
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#filters button[type=submit]"),
            r => r.Url.Contains("/api/messages?", StringComparison.Ordinal) || r.Url.EndsWith("/api/messages", StringComparison.Ordinal));
    }

    /// <summary>No sentence left in English: nothing marked untranslated, and none of the English the node or the page writes.</summary>
    private static async Task NoEnglish(IPage page, string scope, string language)
    {
        await Expect(page.Locator($"{scope} .untranslated")).ToHaveCountAsync(0);
        var text = await page.Locator(scope).InnerTextAsync();
        foreach (var english in new[] { "Art.", "refused", "accepted", "Accepted", "Refused", "TransferNotice", "VisitRequest", "BreachNotification", "overdue", "due", "policy", "hours", "Timeline", "none", "Search", "Kind" })
        {
            Assert.False(text.Contains(english, StringComparison.Ordinal), $"{language}: '{english}' in {scope}:\n{text}");
        }
    }
}

/// <summary>Where the console's screenshots go: artifacts/screenshots/ at the repository root (docs/console.md names them).</summary>
internal static class Screenshots
{
    public static string Path(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ClassifiedGateway.sln")))
        {
            directory = directory.Parent;
        }

        var folder = System.IO.Path.Combine(directory!.FullName, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
