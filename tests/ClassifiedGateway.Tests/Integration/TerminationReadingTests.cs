using System.Globalization;
using System.Text.Json;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Art. 15.2 under each reading of Gateway:Policy:TerminationReading, through two real nodes: the end date and its
/// reading in GetAgreementState and the dashboard's summary, a transfer on the last day in force, a refusal from the first
/// terminated instant.</summary>
public sealed class TerminationReadingTests
{
    private const string KzCb = Notices.KzCompetentBody;
    private const string TmCb = Notices.TmCompetentBody;
    private const string KzAb = Notices.KzAuthorizedBody;
    private const string TmAb = Notices.TmAuthorizedBody;
    private const string Start = "2027-03-10T06:00:00+00:00";

    public static TheoryData<string, string, string> Readings => new()
    {
        // configured reading, last day in force, first terminated instant (UTC; the Parties keep UTC+05:00)
        { "CivilCode", "2027-09-10", "2027-09-10T19:00:00Z" },
        { "StartOfDay", "2027-09-09", "2027-09-09T19:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public async Task The_end_date_is_shown_with_its_reading_and_kept_to_the_instant(string reading, string lastDay, string terminatedFrom)
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Clock:StartAt"] = Start;
            s.Extra["Gateway:Policy:TerminationReading"] = reading;
        });
        var x = new Exchange(pair, At(Start));
        await GrantClearanceAsync(x);
        await x.SendAsync(Party.Kz, "termination", Case.TerminationNotice, KzCb, TmCb);
        await Eventually.TrueAsync(async () => (await StateAsync(pair.KzNode)).Status == AgreementStatus.TerminationPending,
            TimeSpan.FromSeconds(30), pair.Logs);

        var expectedReading = System.Enum.Parse<TerminationReading>(reading);
        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            var state = await StateAsync(node);
            Assert.Equal(new CalendarDate { Year = 2027, Month = 9, Day = 10 }, state.TerminatesOn);
            Assert.Equal(Date(lastDay), state.LastDayInForce);
            Assert.Equal(At(terminatedFrom), state.TerminatedFrom.ToDateTimeOffset());
            Assert.Equal(expectedReading, state.TerminationReading);
            Assert.StartsWith(reading == "CivilCode" ? "civil code" : "start of day", state.TerminationReadingDescription, StringComparison.Ordinal);
        }

        // The dashboard's banner data carries the same last day and reading.
        using (var http = Metrics.OperatorHttp(pair.KzSettings))
        {
            using var summary = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/summary", UriKind.Relative)));
            Assert.Equal("TerminationPending", summary.RootElement.GetProperty("agreement").GetString());
            Assert.Equal(lastDay, summary.RootElement.GetProperty("lastDayInForce").GetString());
            Assert.Equal(reading, summary.RootElement.GetProperty("terminationReading").GetString());
        }

        // Noon of the last day in force: a transfer is still accepted.
        var lastNoon = At(lastDay + "T12:00:00+05:00");
        await AdvanceToAsync(pair, lastNoon);
        await new Exchange(pair, lastNoon).SendAsync(Party.Kz, "last-day-transfer", Case.TransferNotice, KzAb, TmAb);

        // One minute before the boundary: pending; half a minute after: terminated on both nodes, transfers refused.
        await AdvanceToAsync(pair, At(terminatedFrom).AddMinutes(-1));
        Assert.Equal(AgreementStatus.TerminationPending, (await StateAsync(pair.KzNode)).Status);
        var after = At(terminatedFrom).AddSeconds(30);
        await AdvanceToAsync(pair, after);
        Assert.Equal(AgreementStatus.Terminated, (await StateAsync(pair.KzNode)).Status);
        Assert.Equal(AgreementStatus.Terminated, (await StateAsync(pair.TmNode)).Status);
        var refused = await new Exchange(pair, after).RefusedAsync(Party.Kz, "transfer-after", Case.TransferNotice, KzAb, TmAb);
        Assert.Equal("AGREEMENT_TERMINATED", RpcAssert.ErrorInfo(refused)!.Reason);
        Assert.Contains($"last day in force {lastDay}, read as {reading}", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task GrantClearanceAsync(Exchange x)
    {
        await x.SendAsync(Party.Kz, "ccr", Case.ClearanceConfirmationRequest, KzCb, TmCb, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = TmAb);
        await x.SendAsync(Party.Tm, "cc", Case.ClearanceConfirmation, TmCb, KzCb, e =>
        {
            e.InReplyTo = "ccr";
            e.ClearanceConfirmation = new()
            {
                AuthorizedBodyId = TmAb, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret,
                ValidUntil = new CalendarDate { Year = 2030, Month = 1, Day = 1 },
            };
        });
    }

    private static async Task<AgreementState> StateAsync(NodeProcess node) =>
        (await node.Operator.GetAgreementStateAsync(new GetAgreementStateRequest())).State;

    private static async Task AdvanceToAsync(NodePair pair, DateTimeOffset target)
    {
        foreach (var node in new[] { pair.KzNode, pair.TmNode })
        {
            var now = (await node.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
            if (target > now)
            {
                await node.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(target - now) });
            }
        }
    }

    private static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private static CalendarDate Date(string s)
    {
        var d = DateOnly.Parse(s, CultureInfo.InvariantCulture);
        return new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day };
    }
}
