using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Which listener a connection arrived on, told by the connection's local port — never by the Host header or :authority,
/// which the caller writes (and which a proxy or NAT in front of the node changes).</summary>
public sealed class Listeners(IOptions<EndpointOptions> endpoints)
{
    private readonly Dictionary<int, ListenerKind> _byPort = new()
    {
        [new Uri(endpoints.Value.Local).Port] = ListenerKind.Local,
        [new Uri(endpoints.Value.Peer).Port] = ListenerKind.Peer,
        [new Uri(endpoints.Value.Operator).Port] = ListenerKind.Operator,
    };

    /// <summary>The listener owning <paramref name="localPort"/>, or null for a port the node did not open.</summary>
    public ListenerKind? Of(int localPort) => _byPort.TryGetValue(localPort, out var kind) ? kind : null;
}
