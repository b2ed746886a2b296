using System.Diagnostics;
using System.Reflection;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>verify-audit passes on a real run's log and names the first broken entry of a tampered copy.</summary>
public sealed class AuditVerificationTests : IAsyncLifetime
{
    private NodePair _pair = null!;
    private string _intact = "";

    public async Task InitializeAsync()
    {
        _pair = await NodePair.StartAsync();
        await using var tmSystems = new TestSubscriber(() => _pair.TmNode.Party);
        for (var i = 0; i < 5; i++)
        {
            await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation($"audited-{i}", Party.Kz, TimeProvider.System.GetUtcNow()) });
        }

        await Eventually.TrueAsync(async () => await Submitter.CountAsync(_pair.KzNode, Stage.Acknowledged, Direction.Outbound) == 5, TimeSpan.FromSeconds(30), _pair.Logs);

        // Quiet now: wait for a signed checkpoint that covers the last entry, then take a consistent copy.
        await Eventually.TrueAsync(() =>
        {
            var copy = AuditTrail.Copy(_pair.KzSettings, "probe");
            var (entries, checkpoints) = ClassifiedGateway.Gateway.Storage.Sqlite.SqliteAuditReader.Read(copy);
            return Task.FromResult(checkpoints.Count > 0 && checkpoints[^1].HeadSequence == entries[^1].Sequence);
        }, TimeSpan.FromSeconds(30), _pair.Logs);
        _intact = AuditTrail.Copy(_pair.KzSettings, "intact");
    }

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task The_real_log_verifies()
    {
        var (code, output) = await VerifyAsync(_intact);
        Assert.True(code == 0, output);
        Assert.StartsWith("OK: intact:", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Tamperings => new()
    {
        { "flip", "UPDATE audit SET detail = CASE WHEN substr(detail, 1, 1) = 'X' THEN 'Y' ELSE 'X' END || substr(detail, 2) WHERE seq = 5", "BROKEN at entry 5: entry 5 was altered" },
        { "delete", "DELETE FROM audit WHERE seq = 5", "BROKEN at entry 5: entry 5 is missing" },
        {
            "swap",
            "CREATE TEMP TABLE a AS SELECT * FROM audit WHERE seq IN (5, 6);" +
            "UPDATE audit SET (at, kind, message_id, actor, detail, prev_hash, hash) = (SELECT at, kind, message_id, actor, detail, prev_hash, hash FROM a WHERE a.seq = 11 - audit.seq) WHERE seq IN (5, 6);",
            "BROKEN at entry 5: entry 5 does not follow entry 4"
        },
        { "tail", "DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 3 FROM audit)", "(tail cut)" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_copy_names_the_first_broken_entry(string name, string sql, string expected)
    {
        var copy = File.ReadAllBytes(_intact);
        var path = Path.Combine(_pair.Directory, $"tampered-{name}.db");
        File.WriteAllBytes(path, copy);
        AuditTrail.Execute(path, sql);

        var (code, output) = await VerifyAsync(path);

        Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyAuditCommand.Broken, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tail_cut_together_with_its_checkpoints_is_still_caught_by_the_checkpoint_log()
    {
        var log = _pair.KzSettings.DatabasePath + ".checkpoints";
        var last = ClassifiedGateway.Gateway.Storage.Sqlite.SqliteAuditReader.Read(_intact).Entries[^1].Sequence;
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(log)
            && ClassifiedGateway.Gateway.Security.CheckpointFile.Read(log).Any(c => c.HeadSequence == last)), TimeSpan.FromSeconds(30), _pair.Logs);
        var path = Path.Combine(_pair.Directory, "tampered-tail-and-checkpoints.db");
        File.Copy(_intact, path);
        AuditTrail.Execute(path, "DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 3 FROM audit); DELETE FROM audit_checkpoints;");

        var (databaseOnly, _) = await VerifyAsync(path);
        var (code, output) = await RunAsync("--db", path, "--node-cert", Path.Combine(_pair.KzSettings.Own, "node.crt"), "--checkpoints", log);

        Assert.Equal(0, databaseOnly);
        Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyAuditCommand.Broken, code);
        Assert.Contains($"BROKEN at entry {last - 2}", output, StringComparison.Ordinal);
        Assert.Contains("(tail cut)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KZ")]
    [InlineData("TM")]
    public async Task A_messages_exported_evidence_verifies_offline_and_an_altered_copy_does_not(string exporter)
    {
        var node = exporter == "KZ" ? _pair.KzNode : _pair.TmNode;
        var evidence = (await node.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = "audited-0" })).Evidence;
        Assert.Equal(exporter == "KZ" ? Direction.Outbound : Direction.Inbound, evidence.Direction);
        var file = Path.Combine(_pair.Directory, $"audited-0-{exporter}.evidence");
        await File.WriteAllBytesAsync(file, Google.Protobuf.MessageExtensions.ToByteArray(evidence));
        var peer = Path.Combine(node.Settings.Other, "node.crt");

        var (code, output) = await RunAsync("--evidence", file, "--peer-cert", peer);
        Assert.True(code == 0, output);
        Assert.Contains(exporter == "KZ" ? "ok     the receiving node signed the batch of" : "ok     the sending node signed the batch of", output, StringComparison.Ordinal);
        if (exporter == "KZ")
        {
            // TM's DELIVERED and ACKNOWLEDGED reports came batch-signed on the relay stream; each proves its stage on its own.
            Assert.Equal([Stage.Delivered, Stage.Acknowledged], evidence.StatusReports.Select(r => r.Stage));
            Assert.All(evidence.StatusReports, r => Assert.NotNull(r.BatchProof));
            Assert.Matches("ok     the receiving node signed the batch of [0-9]+ status reports that holds its DELIVERED report", output);
            Assert.Matches("ok     the receiving node signed the batch of [0-9]+ status reports that holds its ACKNOWLEDGED report", output);

            var moved = evidence.Clone();
            moved.StatusReports[0].At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(moved.StatusReports[0].At.ToDateTimeOffset().AddSeconds(-1));
            await File.WriteAllBytesAsync(file, Google.Protobuf.MessageExtensions.ToByteArray(moved));
            (code, output) = await RunAsync("--evidence", file, "--peer-cert", peer);
            Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyAuditCommand.Broken, code);
            Assert.Contains("holds its DELIVERED report", output, StringComparison.Ordinal);
        }

        var bytes = evidence.Envelope.ToByteArray();
        bytes[^2] ^= 0x01;
        evidence.Envelope = Google.Protobuf.ByteString.CopyFrom(bytes);
        await File.WriteAllBytesAsync(file, Google.Protobuf.MessageExtensions.ToByteArray(evidence));
        (code, output) = await RunAsync("--evidence", file, "--peer-cert", peer);
        Assert.Equal(ClassifiedGateway.Gateway.Cli.VerifyAuditCommand.Broken, code);
        Assert.Contains("BROKEN: evidence for audited-0 does not verify", output, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output)> VerifyAsync(string database) =>
        RunAsync("--db", database, "--node-cert", Path.Combine(_pair.KzSettings.Own, "node.crt"));

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var gateway = typeof(AuditVerificationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GatewayAssembly").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { gateway, "verify-audit" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token) + await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }
}
