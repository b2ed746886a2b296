using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The one policy table: listener × gRPC service or HTTP endpoint → the roles admitted. Anything not in it is denied.</summary>
/// <remarks>The peer node is admitted only as the other Party; every other role only as this node's own Party.</remarks>
public static class AccessPolicy
{
    /// <summary>The resource name of an HTTP endpoint in the table (gRPC services are named by their full service name).</summary>
    public static string Http(HttpEndpoint endpoint) => "http:" + endpoint.Name;

    private static readonly CallerRole[] Systems = [CallerRole.CompetentBody, CallerRole.AuthorizedBody];
    private static readonly CallerRole[] CompetentBodyOnly = [CallerRole.CompetentBody];
    private static readonly CallerRole[] Operators = [CallerRole.Operator];
    private static readonly CallerRole[] Readers = [CallerRole.Operator, CallerRole.Observer];
    private static readonly CallerRole[] PeerNode = [CallerRole.Node];

    /// <summary>(listener, resource) → roles.</summary>
    public static readonly IReadOnlyDictionary<(ListenerKind Listener, string Resource), IReadOnlyList<CallerRole>> Table = Build();

    /// <summary>Whether <paramref name="caller"/>, arriving on <paramref name="listener"/>, may use <paramref name="resource"/> of a node of <paramref name="localParty"/>.</summary>
    public static bool Allows(ListenerKind listener, string resource, CallerIdentity caller, Party localParty) =>
        Table.TryGetValue((listener, resource), out var roles)
        && roles.Contains(caller.Role)
        && (caller.Role == CallerRole.Node ? caller.Party != localParty : caller.Party == localParty);

    private static Dictionary<(ListenerKind, string), IReadOnlyList<CallerRole>> Build()
    {
        const string health = "grpc.health.v1.Health";
        var table = new Dictionary<(ListenerKind, string), IReadOnlyList<CallerRole>>
        {
            [(ListenerKind.Local, PartyGatewayService.Descriptor.FullName)] = Systems,
            [(ListenerKind.Local, DevClockService.Descriptor.FullName)] = CompetentBodyOnly,
            [(ListenerKind.Local, health)] = Systems,
            [(ListenerKind.Peer, PeerRelayService.Descriptor.FullName)] = PeerNode,
            [(ListenerKind.Peer, health)] = PeerNode,
            [(ListenerKind.Operator, OperatorService.Descriptor.FullName)] = Readers,
            [(ListenerKind.Operator, health)] = Readers,
            [(ListenerKind.Operator, "grpc.reflection.v1alpha.ServerReflection")] = Readers,
            [(ListenerKind.Operator, "grpc.reflection.v1.ServerReflection")] = Readers,
        };

        // Metrics, health probes and the whole dashboard are this Party's operators' and observers' alone, on their own listener;
        // what changes state (an operator action) is the operators' only.
        foreach (var endpoint in HttpEndpoints.All)
        {
            table[(ListenerKind.Operator, Http(endpoint))] = endpoint.Acts ? Operators : Readers;
        }

        return table;
    }
}
