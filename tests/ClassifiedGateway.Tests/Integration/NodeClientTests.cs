using System.Globalization;
using System.Text.RegularExpressions;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>The Node.js client in clients/node, built from protos/ alone, against a real pair: every notice kind,
/// refusals decoded from grpc-status-details-bin, a message followed to ACKNOWLEDGED, a subscription resumed from its cursor.</summary>
public sealed partial class NodeClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_node_client_passes_every_check_against_a_real_pair()
    {
        await using var pair = await NodePair.StartAsync();

        var run = await NodeClient.RunAsync(
            ["--kz", $"127.0.0.1:{pair.KzSettings.LocalPort}", "--tm", $"127.0.0.1:{pair.TmSettings.LocalPort}", "--pki", pair.KzSettings.Pki, "--timeout-seconds", "150"],
            Timeout);

        var why = $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}\n{pair.Logs()}";
        Assert.True(run.ExitCode == 0, why);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.StartsWith("ok ", l, StringComparison.Ordinal));
        var kinds = NoticeKinds.All.Count;
        Assert.Contains($"ok contracts: {kinds} notice kinds in Envelope.notice, google.rpc Status/ErrorInfo/BadRequest, all from protos/", lines);
        Assert.Contains("ok rule refusal: FAILED_PRECONDITION, ErrorInfo reason=TRANSFER_NEEDS_CLEARANCE article=Art. 5.1 domain=classified-gateway", lines);
        var invalid = Assert.Single(lines, l => l.StartsWith("ok invalid input: INVALID_ARGUMENT, BadRequest fields=", StringComparison.Ordinal));
        Assert.Contains("envelope.level", invalid, StringComparison.Ordinal);
        Assert.Contains("transfer_notice.carriers", invalid, StringComparison.Ordinal);
        Assert.Contains("ok submit stream: 50 accepted in order, item 51 INVALID_ARGUMENT (BadRequest fields=envelope), item 52 a duplicate", lines);
        Assert.Single(lines, l => l.StartsWith($"ok every kind: {kinds} of {kinds} kinds accepted", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("ok resume: 5 read, reconnected after cursor ", StringComparison.Ordinal) && l.EndsWith(", no gap, no duplicate", StringComparison.Ordinal));

        // What the client says it did, checked on the nodes themselves.
        foreach (var kind in NoticeKinds.All.Select(k => k.Case))
        {
            var name = char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
            var line = Assert.Single(lines, l => l.StartsWith($"ok kind {name}: ", StringComparison.Ordinal));
            var id = KindLine().Match(line).Groups["id"].Value;
            var stored = (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message;
            Assert.Equal(kind, stored.Envelope.NoticeCase);
            Assert.Equal(Direction.Inbound, stored.Direction);
        }

        var followed = FollowLine().Match(Assert.Single(lines, l => l.StartsWith("ok acknowledged: ", StringComparison.Ordinal)));
        Assert.True(followed.Success, why);
        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = followed.Groups["id"].Value })).Message;
        Assert.Equal(Stage.Acknowledged, record.Stage);
        Assert.Equal(Stage.Acknowledged, (await pair.TmNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = record.Envelope.Id })).Message.Stage);
    }

    [Fact]
    public async Task The_node_client_exits_1_naming_the_failed_check_when_the_nodes_cannot_be_reached()
    {
        var pki = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
        ClassifiedGateway.Gateway.Security.DevPki.EnsureCreated(pki, TimeProvider.System);
        try
        {
            var closed = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            var run = await NodeClient.RunAsync(["--kz", $"127.0.0.1:{closed}", "--tm", $"127.0.0.1:{closed}", "--pki", pki, "--timeout-seconds", "60"], Timeout);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("ok contracts: ", run.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("FAIL rule refusal: ", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("expected FAILED_PRECONDITION, got UNAVAILABLE", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task The_node_client_without_its_options_prints_its_usage_and_exits_2()
    {
        var run = await NodeClient.RunAsync([], Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--kz is required", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: node clients/node/check-pair.js", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [GeneratedRegex(@"^ok kind \w+: (?<id>[A-Za-z0-9._:-]+) accepted by KZ, stored by TM$")]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^ok acknowledged: (?<id>[A-Za-z0-9._:-]+) at KZ: ACCEPTED > .*ACKNOWLEDGED")]
    private static partial Regex FollowLine();
}
