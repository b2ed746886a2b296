using System.Text;
using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Writes docs/authorization.md from <see cref="AccessPolicy"/> and <see cref="AuthorizationMatrix"/>, so what a client
/// reads about who may call what and send which notice cannot drift from what the node enforces.</summary>
public static class AuthorizationDocument
{
    private static readonly CallerRole[] Roles = [CallerRole.CompetentBody, CallerRole.AuthorizedBody, CallerRole.Operator, CallerRole.Observer, CallerRole.Node];

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("""
            # Authorization: who may call what, and send which notice

            Generated from the access policy table and the authorization matrix (`src/Gateway/Security/Authorization/`) by
            `dotnet run --project src/Gateway -- authorization-matrix > docs/authorization.md`; a test fails when this file
            and the code disagree.

            Every caller presents a client certificate at the TLS handshake; its SAN URI
            `urn:classified-gateway:<KZ|TM>:<role>:<body>` names its Party, role and body. A node tells its listeners apart
            by the port the connection arrived on, never by the Host header or `:authority` (any authority reaches the
            services, `localhost` without a port included). Anything not listed is denied: gRPC `PERMISSION_DENIED` with
            `google.rpc.ErrorInfo` (reason `ROLE_NOT_ALLOWED`), HTTP 403; every denial is written to the audit trail once.
            The operator listener alone lets the handshake finish without a client certificate, only to answer every HTTP
            request with a 401 page that says which certificate to import (gRPC calls: `PERMISSION_DENIED`).

            Two roles read the operators' console: operators (`operator`) may also act — retry the relay, propose and
            approve a settlement of an obligation — and observers (`observer`) only read. The endpoints that act are
            POST, need the console's CSRF token and a same-origin request, and are marked *acts* below.

            ## Listeners and services

            The peer node is admitted only as the *other* Party's node; every other role only as this node's own Party.
            `DevClockService` is mapped outside Production only.

            | listener | service or HTTP endpoint | roles admitted |
            |---|---|---|

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var ((listener, resource), roles) in AccessPolicy.Table
            .OrderBy(e => e.Key.Listener).ThenBy(e => e.Key.Resource.StartsWith("http:", StringComparison.Ordinal)).ThenBy(e => e.Key.Resource, StringComparer.Ordinal))
        {
            text.Append($"| {listener.ToString().ToLowerInvariant()} | {Resource(resource)} | {string.Join(", ", roles.Select(CallerIdentity.RoleName))} |\n");
        }

        text.Append("""

            ## Which notice kinds each role may submit

            `PartyGatewayService.Submit` and each item of `SubmitStream` on the local listener. The envelope's `sender_party` must be the caller's Party
            (`SENDER_NOT_CALLER` otherwise). A competent body may send as any body of its Party; an authorized body only as
            itself (`sender_body` = the body in its certificate) and only the kinds marked below. Operators, observers and
            nodes submit nothing. On the peer listener, `PeerRelayService.Relay` and each batch of notices on `RelayStream` take any kind from the other Party's node (which decided
            who sent it); the receiving node checks the envelope, the body registry and the agreement's rules
            (docs/rules.md). Being allowed to send a kind is not being allowed to send it now: the rules may still refuse
            it (`FAILED_PRECONDITION`).

            | notice kind (`Envelope` field) | message | competent-body | authorized-body | operator | observer | node |
            |---|---|---|---|---|---|---|

            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var kind in Enum.GetValues<Case>().Where(c => c != Case.None))
        {
            var field = Envelope.Descriptor.FindFieldByNumber((int)kind);
            var cells = Roles.Select(role => MaySubmit(role, kind) ? "yes" : "—");
            text.Append($"| `{field.Name}` | `{field.MessageType.Name}` | {string.Join(" | ", cells)} |\n");
        }

        text.Append("""

            ## Which notices each role may see and acknowledge

            `GetMessage`, `Subscribe`, `Acknowledge` and each item of `AcknowledgeBatch` (local listener) and the operators' and observers' reads:

            - competent body, operators and observers: every notice their Party sent or received;
            - an authorized body: only what it sent (`sender_party` and `sender_body` its own) or what is addressed to it
              (`receiver_party` and `receiver_body` its own);
            - a notice the caller may not see answers `NOT_FOUND`, exactly as an unknown id, and the attempt is audited.

            """.Replace("\r", "", StringComparison.Ordinal));
        return text.ToString();
    }

    /// <summary>Whether the matrix lets a caller of <paramref name="role"/> submit <paramref name="kind"/> as itself for its own Party.</summary>
    public static bool MaySubmit(CallerRole role, Case kind)
    {
        var caller = new CallerIdentity(Party.Kz, role, "body-1");
        var envelope = new Envelope { SenderParty = Party.Kz, SenderBody = "body-1" };
        var field = Envelope.Descriptor.FindFieldByNumber((int)kind);
        field.Accessor.SetValue(envelope, field.MessageType.Parser.ParseFrom(ReadOnlySpan<byte>.Empty));
        return role is CallerRole.CompetentBody or CallerRole.AuthorizedBody && AuthorizationMatrix.MaySend(caller, envelope) is null;
    }

    private static string Resource(string resource) => resource.StartsWith("http:", StringComparison.Ordinal)
        ? Http(HttpEndpoints.All.Single(e => AccessPolicy.Http(e) == resource))
        : $"gRPC `{resource}`";

    private static string Http(HttpEndpoint endpoint) => $"HTTP {endpoint.Method} `{endpoint.Pattern}`{(endpoint.Acts ? " (acts)" : "")}";
}
