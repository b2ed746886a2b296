using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>kill -9 of either node while the relay stream has several small batches in flight: nothing lost, nothing duplicated to
/// a cursor-resuming subscriber, acceptance order kept, and every notice relayed with a receipt that verifies offline.</summary>
public sealed class PipelinedRelayCrashTests
{
    private const int Count = 600;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(Party.Tm)]
    [InlineData(Party.Kz)]
    public async Task Node_killed_with_several_batches_in_flight_then_every_notice_is_relayed_once_in_order_with_a_verified_receipt(Party killed)
    {
        // Small batches and a deep window, so a kill lands with many batches written and not yet answered.
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Relay:BatchSize"] = "8";
            s.Extra["Gateway:Relay:Window"] = "16";
        });
        await using var subscriber = new TestSubscriber(() => pair.Tm?.Party ?? throw new InvalidOperationException("TM down"));
        var now = await CrashTests.NowAsync(pair.KzNode);

        var submitting = Submitter.SubmitManyAsync(() => pair.Kz, $"pipe-{killed}", Count, now, Patience);
        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Received.Count >= 40), Patience, pair.Logs);
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

        var ids = await submitting;
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
