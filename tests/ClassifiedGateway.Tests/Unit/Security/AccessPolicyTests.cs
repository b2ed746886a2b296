using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Tests.Unit.Security;

public sealed class AccessPolicyTests
{
    private const string PartyService = "classified.gateway.v1.PartyGatewayService";

    public static TheoryData<string, ListenerKind, string, Party, CallerRole, bool> Cases => new()
    {
        { "own competent body on the local listener", ListenerKind.Local, PartyService, Party.Kz, CallerRole.CompetentBody, true },
        { "the other Party's competent body", ListenerKind.Local, PartyService, Party.Tm, CallerRole.CompetentBody, false },
        { "own competent body on the operator listener", ListenerKind.Operator, PartyService, Party.Kz, CallerRole.CompetentBody, false },
        { "the peer node on the peer listener", ListenerKind.Peer, "classified.gateway.v1.PeerRelayService", Party.Tm, CallerRole.Node, true },
        { "own node on the peer listener", ListenerKind.Peer, "classified.gateway.v1.PeerRelayService", Party.Kz, CallerRole.Node, false },
        { "the peer node on the operator listener", ListenerKind.Operator, "classified.gateway.v1.PeerRelayService", Party.Tm, CallerRole.Node, false },
        { "the peer node asking for metrics", ListenerKind.Operator, AccessPolicy.Http(HttpEndpoints.Metrics), Party.Tm, CallerRole.Node, false },
        { "an operator asking for metrics", ListenerKind.Operator, AccessPolicy.Http(HttpEndpoints.Metrics), Party.Kz, CallerRole.Operator, true },
        { "an operator asking for metrics on the local listener", ListenerKind.Local, AccessPolicy.Http(HttpEndpoints.Metrics), Party.Kz, CallerRole.Operator, false },
        { "an operator moving the development clock", ListenerKind.Local, "classified.gateway.v1.DevClockService", Party.Kz, CallerRole.Operator, false },
        { "an authorized body moving the development clock", ListenerKind.Local, "classified.gateway.v1.DevClockService", Party.Kz, CallerRole.AuthorizedBody, false },
        { "a service no one listed", ListenerKind.Operator, "some.Unknown", Party.Kz, CallerRole.Operator, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Admits_only_what_the_table_lists(string why, ListenerKind listener, string resource, Party party, CallerRole role, bool allowed) =>
        Assert.True(allowed == AccessPolicy.Allows(listener, resource, new CallerIdentity(party, role, "x"), Party.Kz), why);

    [Fact]
    public void Every_mapped_HTTP_endpoint_has_a_row()
    {
        Assert.All(HttpEndpoints.All, e => Assert.True(AccessPolicy.Table.ContainsKey((ListenerKind.Operator, AccessPolicy.Http(e))), e.Name));
        Assert.Equal(HttpEndpoints.All.Count, HttpEndpoints.All.Select(e => e.Pattern).Distinct().Count());
    }
}
