using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>DELIVERED/ACKNOWLEDGED reports signed once per batch, sent to KZ's peer listener as TM's node would (its key, its
/// certificate): a report whose proof or root signature does not hold is ignored with an alarm like an unsigned one, alone;
/// the batch's genuine reports count, a report signed alone (an older node) still counts, and each kept report proves its
/// stage in the notice's evidence offline.</summary>
public sealed class BatchSignedStatusTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;

    [Fact]
    public async Task On_the_relay_stream_tampered_reports_are_refused_alone_and_the_genuine_ones_count_and_verify_offline()
    {
        var now = TimeProvider.System.GetUtcNow();
        var ids = Enumerable.Range(0, 9).Select(i => $"batch-status-{i}").ToList();
        foreach (var id in ids)
        {
            Assert.Equal(Stage.Accepted, (await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) })).Stage);
        }

        var first = PeerImpersonation.BatchSignedStatuses(_pair.KzSettings, [.. ids.Take(5).Select((id, i) => Delivered(id, 8_000_000 + i, now))]);
        first[1].Stage = Stage.Acknowledged;                    // a changed stage
        first[2].MessageId = ids[5];                            // a changed message id (another notice KZ sent)
        first[3].BatchProof = first[0].BatchProof.Clone();      // another report's proof
        var second = PeerImpersonation.BatchSignedStatuses(_pair.KzSettings, [Delivered(ids[6], 8_000_010, now), Delivered(ids[7], 8_000_011, now)]);
        foreach (var report in second)
        {
            report.BatchProof.RootSignature = first[0].BatchProof.RootSignature;  // TM's real signature, over another root
        }

        var alone = PeerImpersonation.SignedStatus(_pair.KzSettings, Delivered(ids[8], 8_000_020, now));  // an older node's form

        using var call = _pair.KzNode.PeerService.RelayStream();
        await call.RequestStream.WriteAsync(Batch(1, first, now));
        await call.RequestStream.WriteAsync(Batch(2, second, now));
        await call.RequestStream.WriteAsync(Batch(3, [alone], now));
        await call.RequestStream.CompleteAsync();
        List<(long, int)> answers = [];
        while (await call.ResponseStream.MoveNext())
        {
            answers.Add((call.ResponseStream.Current.Batch, call.ResponseStream.Current.Reports.Recorded));
        }

        Assert.Equal([(1L, 2), (2L, 0), (3L, 1)], answers);
        foreach (var id in new[] { ids[0], ids[4], ids[8] })
        {
            Assert.Contains((await MessageAsync(id)).History, h => h.Stage == Stage.Delivered && h.EventKind == EventKind.Stage);
        }

        foreach (var id in new[] { ids[1], ids[2], ids[3], ids[5], ids[6], ids[7] })
        {
            Assert.DoesNotContain((await MessageAsync(id)).History, h => h.Stage is Stage.Delivered or Stage.Acknowledged && h.EventKind == EventKind.Stage);
        }

        await AlarmedAsync(ids[1], "Acknowledged");
        foreach (var id in new[] { ids[3], ids[5], ids[6], ids[7] })
        {
            await AlarmedAsync(id, "Delivered");
        }

        // Each kept report proves its stage on its own, offline: the batch-signed one with its proof, the older one with its signature.
        using var tm = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_pair.TmSettings.Own, "node.crt")));
        foreach (var (id, check) in new[]
        {
            (ids[0], "the receiving node signed the batch of 5 status reports that holds its DELIVERED report"),
            (ids[8], "the receiving node signed its DELIVERED report"),
        })
        {
            var evidence = (await _pair.KzNode.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = id })).Evidence;
            Assert.Equal(Stage.Delivered, Assert.Single(evidence.StatusReports).Stage);
            var checks = EvidenceVerifier.Verify(evidence, tm);
            Assert.Contains(checks, c => c.Check == check && c.Holds);
            Assert.All(checks, c => Assert.True(c.Holds, $"{id}: {c.Check}"));
        }
    }

    [Fact]
    public async Task On_the_unary_call_a_report_signed_alone_and_one_signed_in_its_batch_both_count()
    {
        var now = TimeProvider.System.GetUtcNow();
        foreach (var id in new[] { "unary-status-alone", "unary-status-batched" })
        {
            await _pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) });
        }

        var alone = PeerImpersonation.SignedStatus(_pair.KzSettings, Delivered("unary-status-alone", 8_100_000, now));
        var batched = PeerImpersonation.BatchSignedStatuses(_pair.KzSettings, [Delivered("unary-status-batched", 8_100_001, now)]);
        var response = await _pair.KzNode.PeerService.RelayStatusAsync(new RelayStatusRequest { FromParty = Party.Tm, SentAt = Timestamp.FromDateTimeOffset(now), Reports = { alone, batched[0] } });

        Assert.Equal(2, response.Recorded);
    }

    private static StatusReport Delivered(string id, long sequence, DateTimeOffset at) => new()
    {
        Sequence = sequence,
        MessageId = id,
        Stage = Stage.Delivered,
        At = Timestamp.FromDateTimeOffset(at),
        SenderBody = Notices.KzCompetentBody,
    };

    private static RelayStreamRequest Batch(long batch, IEnumerable<StatusReport> reports, DateTimeOffset at) => new()
    {
        Batch = batch,
        Reports = new RelayStatusRequest { FromParty = Party.Tm, SentAt = Timestamp.FromDateTimeOffset(at), Reports = { reports } },
    };

    private async Task<MessageRecord> MessageAsync(string id) =>
        (await _pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = id })).Message;

    private async Task AlarmedAsync(string id, string stage) =>
        Assert.Contains((await MessageAsync(id)).History, h => h.EventKind == EventKind.Alarm
            && h.Detail == $"ALARM: a {stage} report without the peer's valid signature was ignored");
}
