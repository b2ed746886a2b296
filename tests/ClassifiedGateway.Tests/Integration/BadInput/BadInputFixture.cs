using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>One node pair for the whole bad-input suite, and a raw client per listener of KZ's node, each presenting the
/// certificate that is authorized there (so nothing in the suite writes a denial to the audit trail).</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    internal NodePair Pair { get; private set; } = null!;

    internal IReadOnlyDictionary<Listener, RawGrpc> Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pair = await NodePair.StartAsync();
        var kz = Pair.KzSettings;
        var ca = Path.Combine(kz.Own, "ca.crt");
        Clients = new Dictionary<Listener, RawGrpc>
        {
            [Listener.Local] = new(kz.LocalPort, Path.Combine(kz.Own, Notices.KzCompetentBody), ca),
            [Listener.Peer] = new(kz.PeerPort, Path.Combine(kz.Other, "node"), ca),
            [Listener.Operator] = new(kz.OperatorPort, Path.Combine(kz.Own, "kz-operator"), ca),
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients?.Values ?? [])
        {
            client.Dispose();
        }

        await Pair.DisposeAsync();
    }

    /// <summary>What a bad request must not change: messages by stage, obligations, the outbox, the audit trail.</summary>
    internal async Task<string> FingerprintAsync()
    {
        var node = Pair.KzNode;
        var counts = await node.Operator.CountByStageAsync(new CountByStageRequest(), deadline: Soon());
        var health = await node.Operator.GetNodeHealthAsync(new GetNodeHealthRequest(), deadline: Soon());
        var audit = AuditTrail.Entries(Pair.KzSettings).Count;
        return $"counts={counts} outbox={health.OutboxDepth} audit={audit}";
    }

    private static DateTime Soon() => TimeProvider.System.GetUtcNow().UtcDateTime + Deadline;
}
