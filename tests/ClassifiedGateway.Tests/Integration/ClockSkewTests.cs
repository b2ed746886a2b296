using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Two nodes whose clocks are 10 minutes apart, either way: nothing is refused for the skew, every notice is
/// delivered and acknowledged, each node raises one alarm (history, audit, metric), and each node's stage times are in its
/// own clock, so no latency is negative or inflated.</summary>
public sealed class ClockSkewTests
{
    private const int PerDirection = 4;

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task Ten_minutes_of_skew_refuses_nothing_raises_one_alarm_per_node_and_keeps_each_nodes_times_in_its_own_clock(int tmAheadMinutes)
    {
        var skew = TimeSpan.FromMinutes(tmAheadMinutes);
        await using var pair = await NodePair.StartAsync(s =>
        {
            if (s.Party == Party.Tm)
            {
                s.Extra["Gateway:Clock:StartAt"] = TimeProvider.System.GetUtcNow().Add(skew).ToString("O", CultureInfo.InvariantCulture);
            }
        });
        await using var kzSystems = new TestSubscriber(() => pair.KzNode.Party);
        await using var tmSystems = new TestSubscriber(() => pair.TmNode.Party);

        var sent = new List<(NodeProcess Sender, NodeProcess Receiver, string Id)>();
        foreach (var (sender, receiver, party) in new[] { (pair.KzNode, pair.TmNode, Party.Kz), (pair.TmNode, pair.KzNode, Party.Tm) })
        {
            for (var i = 0; i < PerDirection; i++)
            {
                // Each Party's system stamps created_at with its own node's clock.
                var now = (await sender.Clock.GetTimeAsync(new GetTimeRequest())).Now.ToDateTimeOffset();
                var id = $"skew-{party}-{i}";
                var answer = await sender.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, party, now) });
                Assert.Equal(Stage.Accepted, answer.Stage);
                sent.Add((sender, receiver, id));
            }
        }

        foreach (var (sender, _, id) in sent)
        {
            await Eventually.TrueAsync(async () => (await Record(sender, id)).Stage == Stage.Acknowledged, TimeSpan.FromSeconds(60),
                () => $"{id}: {Record(sender, id).Result.Stage}\n{pair.Logs()}");
        }

        foreach (var (sender, receiver, id) in sent)
        {
            var outbound = await Record(sender, id);
            Assert.Equal(ReceiptStatus.Stored, outbound.Receipt.Status);
            Assert.Null(outbound.Refusal);
            AssertOwnClockTimeline(outbound, [Stage.Accepted, Stage.Relayed, Stage.Delivered, Stage.Acknowledged]);
            Assert.Contains(outbound.History, h => h.Stage == Stage.Acknowledged && h.Detail.Contains("(other node's clock)", StringComparison.Ordinal));

            var inbound = await Record(receiver, id);
            Assert.Equal(Stage.Acknowledged, inbound.Stage);
            AssertOwnClockTimeline(inbound, [Stage.Relayed, Stage.Delivered, Stage.Acknowledged]);
        }

        // One alarm per node for the whole episode (not one per notice), in the audit trail and in a message's history.
        foreach (var (node, settings, peerAhead) in new[] { (pair.KzNode, pair.KzSettings, tmAheadMinutes > 0), (pair.TmNode, pair.TmSettings, tmAheadMinutes < 0) })
        {
            var alarms = AuditTrail.Entries(settings).Where(e => e.Kind == "clock-skew").ToList();
            var alarm = Assert.Single(alarms);
            Assert.Contains(peerAhead ? "ahead of" : "behind", alarm.Detail, StringComparison.Ordinal);
            var seconds = int.Parse(Regex.Match(alarm.Detail, @"clock is (\d+) s").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 570, 630);
            var history = (await Record(node, alarm.MessageId)).History;
            Assert.Single(history, h => h.EventKind == EventKind.Alarm && h.Detail == alarm.Detail);
            Assert.DoesNotContain(AuditTrail.Entries(settings), e => e.Kind == "clock-skew-ended");

            var offset = await OffsetMetricAsync(settings);
            Assert.InRange(Math.Abs(offset), 570, 630);
            Assert.Equal(peerAhead, offset > 0);
        }
    }

    private static async Task<MessageRecord> Record(NodeProcess node, string id) =>
        (await node.Operator.GetTimelineAsync(new GetTimelineRequest { MessageId = id })).Message;

    /// <summary>The stages come in order, at non-decreasing times of this node's clock, all within a minute of the notice's
    /// arrival here: with the other node's clock mixed in they would be 10 minutes apart or go backwards.</summary>
    private static void AssertOwnClockTimeline(MessageRecord record, Stage[] expected)
    {
        var stages = record.History.Where(h => h.EventKind == EventKind.Stage).ToList();
        var times = expected.Select(stage => Assert.Single(stages, h => h.Stage == stage).At.ToDateTimeOffset()).ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] >= times[i - 1], $"{record.Envelope.Id}: {expected[i]} at {times[i]:O} is before {expected[i - 1]} at {times[i - 1]:O}");
        }

        var accepted = record.AcceptedAt.ToDateTimeOffset();
        Assert.InRange((times[0] - accepted).TotalSeconds, 0, 60);
        Assert.InRange((times[^1] - accepted).TotalSeconds, 0, 60);
    }

    private static async Task<double> OffsetMetricAsync(NodeSettings node)
    {
        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(node.Own, "ca.crt")));
        var operatorName = node.Code.ToLowerInvariant() + "-operator";
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [X509Certificate2.CreateFromPemFile(Path.Combine(node.Own, operatorName + ".crt"), Path.Combine(node.Own, operatorName + ".key"))],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 c && chain.Build(c);
                },
            },
        });
        var pattern = new Regex(@"^gateway_peer_clock_offset_seconds(?:\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline);
        string metrics = "";
        await Eventually.TrueAsync(async () =>
        {
            metrics = await http.GetStringAsync($"https://127.0.0.1:{node.OperatorPort}/metrics");
            return pattern.IsMatch(metrics);
        }, TimeSpan.FromSeconds(30), () => metrics);
        return double.Parse(pattern.Match(metrics).Groups["value"].Value, CultureInfo.InvariantCulture);
    }
}
