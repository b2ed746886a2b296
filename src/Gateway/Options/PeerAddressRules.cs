namespace ClassifiedGateway.Gateway.Options;

/// <summary>What the other Party's addresses may be: one https:// listener, a list of them (one per replica), or one dns:/// name
/// that resolves to every replica.</summary>
internal static class PeerAddressRules
{
    /// <summary>More would only slow down finding a live replica; no deployment runs that many.</summary>
    public const int MaxAddresses = 16;

    /// <summary>Why the configured addresses cannot be used (one sentence), or null.</summary>
    public static string? Problem(GatewayOptions options)
    {
        if (options.PeerAddresses.Count == 0)
        {
            return IsListener(options.PeerAddress)
                ? null
                : "Gateway:PeerAddress must be the other node's peer listener as an absolute http(s) URI (or set Gateway:PeerAddresses).";
        }

        if (!string.IsNullOrEmpty(options.PeerAddress))
        {
            return "Gateway:PeerAddress and Gateway:PeerAddresses are both set: name the other node's replicas in Gateway:PeerAddresses only.";
        }

        if (options.PeerAddresses.Count > MaxAddresses)
        {
            return $"Gateway:PeerAddresses names {options.PeerAddresses.Count} addresses; at most {MaxAddresses}.";
        }

        if (options.PeerAddresses.Count == 1 && IsDnsName(options.PeerAddresses[0]))
        {
            return null;
        }

        for (var i = 0; i < options.PeerAddresses.Count; i++)
        {
            if (!IsListener(options.PeerAddresses[i]))
            {
                return $"Gateway:PeerAddresses:{i} must be an absolute https URI with a port (or the list one dns:///name:port alone).";
            }
        }

        return options.PeerAddresses.Select(a => new Uri(a).Scheme).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1
            ? "Gateway:PeerAddresses mixes http and https: every replica of the other node speaks the same."
            : null;
    }

    /// <summary>An absolute http(s) URI naming a host (the port defaults by scheme).</summary>
    public static bool IsListener(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query);

    /// <summary>dns:///name:port — grpc's own DNS target: every address the name resolves to is a replica.</summary>
    public static bool IsDnsName(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == "dns" && uri.AbsolutePath.Trim('/').Length > 0
        && uri.AbsolutePath.TrimStart('/').Contains(':', StringComparison.Ordinal);
}
