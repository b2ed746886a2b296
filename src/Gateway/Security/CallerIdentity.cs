using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The roles a certificate can carry.</summary>
public enum CallerRole
{
    /// <summary>The competent body's system: may act for any of its Party's authorized bodies.</summary>
    CompetentBody = 1,

    /// <summary>An authorized body's system: acts only as itself, only with Art. 5–7 notices and breach notifications (Art. 11.1).</summary>
    AuthorizedBody = 2,

    /// <summary>An operator: reads the console and takes the operators' actions (retry the relay, propose and approve settlements).</summary>
    Operator = 3,

    /// <summary>A gateway node (as a client, only on the other node's peer listener).</summary>
    Node = 4,

    /// <summary>An observer: reads the console, metrics and health like an operator, and may not act.</summary>
    Observer = 5,
}

/// <summary>Who is calling, as their certificate's URI SAN says: urn:classified-gateway:{party}:{role}:{body}.</summary>
public sealed record CallerIdentity(Party Party, CallerRole Role, string Body)
{
    public const string UriPrefix = "urn:classified-gateway:";

    public string Uri => $"{UriPrefix}{PartyCodes.Code(Party)}:{RoleName(Role)}:{Body}";

    public override string ToString() => $"{PartyCodes.Code(Party)}/{RoleName(Role)}/{Body}";

    public static string RoleName(CallerRole role) => role switch
    {
        CallerRole.CompetentBody => "competent-body",
        CallerRole.AuthorizedBody => "authorized-body",
        CallerRole.Operator => "operator",
        CallerRole.Node => "node",
        CallerRole.Observer => "observer",
        _ => "unknown",
    };

    public static bool TryParse(string uri, out CallerIdentity identity)
    {
        identity = null!;
        if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = uri[UriPrefix.Length..].Split(':');
        if (parts.Length != 3 || !PartyCodes.TryParse(parts[0], out var party) || parts[2].Length == 0)
        {
            return false;
        }

        CallerRole? role = parts[1] switch
        {
            "competent-body" => CallerRole.CompetentBody,
            "authorized-body" => CallerRole.AuthorizedBody,
            "operator" => CallerRole.Operator,
            "node" => CallerRole.Node,
            "observer" => CallerRole.Observer,
            _ => null,
        };
        if (role is null)
        {
            return false;
        }

        identity = new CallerIdentity(party, role.Value, parts[2]);
        return true;
    }

    /// <summary>The identity in a certificate's URI subject alternative names, if it has exactly one.</summary>
    public static CallerIdentity? From(X509Certificate2 certificate)
    {
        var san = certificate.Extensions["2.5.29.17"];
        if (san is null)
        {
            return null;
        }

        var found = SubjectAltNames.Uris(san.RawData).Select(u => TryParse(u, out var id) ? id : null).OfType<CallerIdentity>().ToList();
        return found.Count == 1 ? found[0] : null;
    }
}
