using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>A receipt that is not the peer's own, or that does not match what was sent, does not advance the stage and raises an alarm.</summary>
public sealed class ForgedReceiptTests
{
    [Theory]
    [InlineData(Forgery.BadSignature, "its signature is not the peer node's")]
    [InlineData(Forgery.WrongDigest, "its digest does not match the notice sent")]
    public async Task A_forged_receipt_does_not_advance_the_stage_and_raises_an_alarm(Forgery forgery, string why)
    {
        var pair = NodePair.Create();
        await using var _ = pair;
        await using var fake = await ForgingPeer.StartAsync(pair.TmSettings, pair.KzSettings, forgery);
        await pair.StartKzAsync();

        await pair.KzNode.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation("forged-receipt", Party.Kz, TimeProvider.System.GetUtcNow()) });
        await Eventually.TrueAsync(async () => (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "forged-receipt" })).Message
            .History.Any(h => h.EventKind == EventKind.Alarm), TimeSpan.FromSeconds(30), pair.Logs);

        var record = (await pair.KzNode.Party.GetMessageAsync(new GetMessageRequest { MessageId = "forged-receipt" })).Message;
        Assert.Equal(Stage.Accepted, record.Stage);
        Assert.Null(record.Receipt);
        Assert.Contains(record.History, h => h.EventKind == EventKind.Alarm && h.Detail.Contains(why, StringComparison.Ordinal));
        Assert.Contains(AuditTrail.Entries(pair.KzSettings), e => e.Kind == "alarm"
            && e.MessageId == ClassifiedGateway.Gateway.Domain.MessageKeys.Of(Party.Kz, Notices.KzCompetentBody, "forged-receipt"));
    }
}
