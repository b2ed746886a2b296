using ClassifiedGateway.Contracts.V1;
using Grpc.Core;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Sends notices the way real systems would: each one submitted on its sender's node and, before the next step,
/// stored by the other node (so both ledgers hold it).</summary>
internal sealed class Exchange(NodePair pair, DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    public List<Envelope> Sent { get; } = [];

    public async Task<Envelope> SendAsync(Party from, string id, Case kind, string sender, string receiver, Action<Envelope>? configure = null)
    {
        var envelope = Notices.Envelope(id, from, Now, kind);
        envelope.SenderBody = sender;
        envelope.ReceiverBody = receiver;
        envelope.InReplyTo = "";
        configure?.Invoke(envelope);
        await Node(from).Party.SubmitAsync(new SubmitRequest { Envelope = envelope });
        Sent.Add(envelope);
        await ArrivedAsync(from == Party.Kz ? Party.Tm : Party.Kz, id);
        return envelope;
    }

    /// <summary>Submits and expects a refusal by rule; returns the status.</summary>
    public async Task<RpcException> RefusedAsync(Party from, string id, Case kind, string sender, string receiver, Action<Envelope>? configure = null)
    {
        var envelope = Notices.Envelope(id, from, Now, kind);
        envelope.SenderBody = sender;
        envelope.ReceiverBody = receiver;
        envelope.InReplyTo = "";
        configure?.Invoke(envelope);
        return await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Node(from).Party.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);
    }

    public NodeProcess Node(Party party) => party == Party.Kz ? pair.KzNode : pair.TmNode;

    public async Task ArrivedAsync(Party at, string id) =>
        await Eventually.SucceedsAsync(
            async () => await Node(at).Party.GetMessageAsync(new GetMessageRequest { MessageId = id }),
            TimeSpan.FromSeconds(30),
            e => e is RpcException { StatusCode: StatusCode.NotFound },
            () => $"{id} did not arrive at {at}\n{pair.Logs()}");
}
