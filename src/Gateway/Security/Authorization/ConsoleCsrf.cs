using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Cross-site request forgery protection of the console's actions. The browser presents the operator's client
/// certificate to any page that posts to the node, so the certificate alone does not prove the operator meant it: an action
/// must come from the console's own origin (the Origin header, which a page cannot forge) and carry a token that only the
/// console can read (GET /api/me; another origin cannot read the answer). The token is an HMAC of the caller's certificate
/// under a key that lives only in this process: a restart makes the page fetch a new one.</summary>
public sealed class ConsoleCsrf
{
    /// <summary>The request header that carries the token.</summary>
    public const string Header = "X-CSRF-Token";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The token for requests made with <paramref name="certificate"/>.</summary>
    public string TokenFor(X509Certificate2 certificate) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, certificate.RawData)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Why the request is refused, or null when it comes from the console's origin with the caller's token.</summary>
    public string? Problem(HttpRequest request, X509Certificate2 certificate)
    {
        var origins = request.Headers.Origin;
        if (origins.Count != 1 || !Uri.TryCreate(origins[0], UriKind.Absolute, out var origin) || origin.Scheme != Uri.UriSchemeHttps
            || !string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return "the request does not come from the console's own origin";
        }

        var tokens = request.Headers[Header];
        var expected = Encoding.ASCII.GetBytes(TokenFor(certificate));
        return tokens.Count == 1 && tokens[0] is { } token && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), expected)
            ? null
            : "the request lacks the console's token";
    }
}
