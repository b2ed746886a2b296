using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>kill -9 of either node while the relay stream has several small batches in flight: nothing lost, nothing duplicated to
/// a cursor-resuming subscriber, acceptance order kept, and every notice relayed with a receipt that verifies offline.</summary>
public sealed class PipelinedRelayCrashTests
{
    private const int Backlog = 2_400;
    private const int Live = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(Party.Tm)]
    [InlineData(Party.Kz)]
    public async Task Node_killed_with_several_batches_in_flight_then_every_notice_is_relayed_once_in_order_with_a_verified_receipt(Party killed)
    {
        // Small batches, a deep window and a backlog long enough to drain for a while, so a kill lands with many batches written
        // and not yet answered. (With 1,200 notices in batches of 8 a loaded CI machine once drained them between two scrapes.)
        var pair = NodePair.Create(s =>
        {
            s.Extra["Gateway:Relay:BatchSize"] = "4";
            s.Extra["Gateway:Relay:Window"] = "16";
        });
        await using var _ = pair;
        await pair.StartKzAsync();
        var now = await CrashTests.NowAsync(pair.KzNode);

        // TM down: a backlog waits in KZ's outbox, so the stream fills its window as soon as TM is there; more arrive meanwhile.
        var backlog = await Submitter.SubmitManyAsync(() => pair.Kz, $"pipe-{killed}-a", Backlog, now, Patience);
        await pair.StartTmAsync();
        await using var subscriber = new TestSubscriber(() => pair.Tm?.Party ?? throw new InvalidOperationException("TM down"));
        var submitting = Submitter.SubmitManyAsync(() => pair.Kz, $"pipe-{killed}-b", Live, now, Patience);

        // The kill lands right after KZ was seen with several batches written and unanswered.
        await Eventually.TrueAsync(async () => Metrics.Value(await Metrics.ScrapeAsync(pair.KzSettings), "gateway_relay_batches_in_flight") >= 3,
            Patience, pair.Logs);
        if (killed == Party.Tm)
        {
            await pair.TmNode.KillAsync();
            await pair.StartTmAsync();
        }
        else
        {
            await pair.KzNode.KillAsync();
            await pair.StartKzAsync();
        }

        IReadOnlyList<string> ids = [.. backlog, .. await submitting];
        await CrashTests.AssertAllAcknowledgedAsync(pair, subscriber, ids);

        // Each notice left KZ's outbox with TM's receipt, and that receipt verifies offline against TM's certificate.
        using var tmNode = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(pair.TmSettings.Own, "node.crt")));
        foreach (var id in ids.Where((_, i) => i % 50 == 0))
        {
            var evidence = (await pair.KzNode.Operator.ExportEvidenceAsync(new ExportEvidenceRequest { MessageId = id })).Evidence;
            Assert.NotNull(evidence.Receipt);
            Assert.All(EvidenceVerifier.Verify(evidence, tmNode), c => Assert.True(c.Holds, $"{id}: {c.Check}"));
        }
    }
}
