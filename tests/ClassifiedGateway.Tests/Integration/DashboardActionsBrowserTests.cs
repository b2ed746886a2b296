using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The operators' actions in a real browser: who is looking, a retry of the relay, and a four-eyes settlement that one
/// operator alone cannot close — each in the audit-trail view with who and why, and the verifier's verdict.</summary>
public sealed class DashboardActionsBrowserTests
{
    private const string Start = "2027-03-10T06:00:00+00:00";
    private static readonly LocatorAssertionsToBeVisibleOptions FewSeconds = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_operator_retries_the_relay_and_the_audit_trail_shows_who_and_why()
    {
        await using var pair = await NodePair.StartAsync();
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("#whoami[data-role='operator']")).ToHaveTextAsync("KZ node · operator kz-operator");

        await pair.TmNode.KillAsync();
        await StoreFaults.SubmitInOrderAsync(pair.KzNode, ["retry-1"], TimeProvider.System.GetUtcNow());
        await Expect(page.Locator("#link-strip[data-reachable='down']")).ToBeVisibleAsync(FewSeconds);
        await pair.StartTmAsync();

        await page.Locator("#retry-relay").ClickAsync();
        await page.Locator("#action-dialog textarea").FillAsync("TM confirmed by phone that its node is back");
        await page.Locator("#action-dialog button[value='ok']").ClickAsync();
        await Expect(page.Locator("#action-result[data-code='RETRY_REQUESTED']")).ToHaveTextAsync("Retry requested.");
        await Expect(page.Locator("tr[data-id='retry-1']:not([data-stage='ACCEPTED'])")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(page.Locator("#link-strip[data-reachable='up']")).ToBeVisibleAsync(FewSeconds);

        await page.Locator("#audit-open").ClickAsync();
        await Expect(page.Locator("#audit-verdict[data-intact='true']")).ToContainTextAsync("Audit chain verified: intact");
        var entry = page.Locator("#audit tr[data-kind='relay-retry']");
        await Expect(entry).ToContainTextAsync("KZ/operator/kz-operator");
        await Expect(entry).ToContainTextAsync("TM confirmed by phone that its node is back");
    }

    [Fact]
    public async Task A_settlement_outside_the_gateway_closes_only_when_a_second_operator_approves()
    {
        await using var pair = await NodePair.StartAsync(s => s.Extra["Gateway:Clock:StartAt"] = Start);
        var x = new Exchange(pair, DateTimeOffset.Parse(Start));
        await x.SendAsync(Party.Kz, "fe-ccr", Case.ClearanceConfirmationRequest, "kz-knb", "tm-mns", e => e.ClearanceConfirmationRequest.AuthorizedBodyId = "tm-ab-1");
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";

        // The first operator records the settlement; it waits, and the page offers them no way to approve their own.
        await using var first = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator"));
        var a = await first.Context.NewPageAsync();
        await a.GotoAsync(origin + "/");
        var obligation = a.Locator("#obligations li[data-rule='CLEARANCE_CONFIRMATION_DUE']");
        await Expect(obligation.Locator("[data-propose]")).ToBeVisibleAsync(FewSeconds);
        var obligationId = await obligation.GetAttributeAsync("data-obligation");
        await obligation.Locator("[data-propose]").ClickAsync();
        await a.Locator("#action-dialog textarea").FillAsync("confirmed in writing by tm-mns, letter 17/3");
        await a.Locator("#action-dialog button[value='ok']").ClickAsync();
        await Expect(a.Locator("#action-result[data-code='SETTLEMENT_PROPOSED']")).ToBeVisibleAsync();
        await Expect(obligation.Locator("[data-testid='settlement-waiting']")).ToContainTextAsync("waiting for a second operator");
        await Expect(obligation.Locator(".own")).ToBeVisibleAsync();
        await Expect(obligation.Locator("[data-approve]")).ToHaveCountAsync(0);

        // Going around the page does not help: the node refuses the proposer's approval, and the obligation stays open.
        var settlementId = await obligation.Locator("[data-settlement]").GetAttributeAsync("data-settlement");
        var own = await a.EvaluateAsync<int>(@"async (id) => {
            const me = await (await fetch('/api/me')).json();
            const r = await fetch(`/api/settlements/${id}/approve`, { method: 'POST', headers: { 'X-CSRF-Token': me.csrf, 'Content-Type': 'application/json' }, body: '{}' });
            return r.status; }", settlementId);
        Assert.Equal(403, own);
        var open = await a.APIRequest.GetAsync(origin + "/api/obligations?open=true");
        Assert.Contains($"\"id\":{obligationId},", await open.TextAsync(), StringComparison.Ordinal);

        // A second operator approves: the obligation closes.
        await using var second = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-operator-2"));
        var b = await second.Context.NewPageAsync();
        await b.GotoAsync(origin + "/");
        await Expect(b.Locator("#whoami")).ToHaveTextAsync("KZ node · operator kz-operator-2");
        var pending = b.Locator($"#obligations li[data-obligation='{obligationId}'] [data-approve]");
        await Expect(pending).ToBeVisibleAsync(FewSeconds);
        await pending.ClickAsync();
        await Expect(b.Locator("#action-result[data-code='SETTLEMENT_APPROVED']")).ToBeVisibleAsync();
        await Expect(b.Locator($"#obligations li[data-obligation='{obligationId}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        // The audit trail names both operators and the note; the chain still verifies.
        await b.Locator("#audit-open").ClickAsync();
        await Expect(b.Locator("#audit tr[data-kind='settlement-proposed']")).ToContainTextAsync("KZ/operator/kz-operator");
        await Expect(b.Locator("#audit tr[data-kind='settlement-approved']")).ToContainTextAsync("KZ/operator/kz-operator-2");
        await Expect(b.Locator("#audit tr[data-kind='settlement-approved']")).ToContainTextAsync("confirmed in writing by tm-mns, letter 17/3");
        await b.Locator("#audit-verify").ClickAsync();
        await Expect(b.Locator("#audit-verdict[data-intact='true']")).ToBeVisibleAsync();
        await b.ScreenshotAsync(new PageScreenshotOptions { Path = ConsoleArtifacts.File("audit-trail-en.png"), FullPage = true });
    }

    [Fact]
    public async Task An_observer_reads_and_is_offered_no_action()
    {
        await using var pair = await NodePair.StartAsync();
        var origin = $"https://127.0.0.1:{pair.KzSettings.OperatorPort}";
        await using var browser = await Browser.OpenAsync(origin, Path.Combine(pair.KzSettings.Own, "kz-observer"));
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await Expect(page.Locator("#whoami[data-role='observer']")).ToHaveTextAsync("KZ node · observer (reads only) kz-observer");
        await Expect(page.Locator("#link-strip[data-reachable='up']")).ToBeVisibleAsync(FewSeconds);
        await Expect(page.Locator("#retry-relay")).ToBeHiddenAsync();
        var status = await page.EvaluateAsync<int>(@"async () => {
            const me = await (await fetch('/api/me')).json();
            const r = await fetch('/api/actions/retry-relay', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf, 'Content-Type': 'application/json' }, body: JSON.stringify({ note: 'try' }) });
            return r.status; }");
        Assert.Equal(403, status);
    }
}
