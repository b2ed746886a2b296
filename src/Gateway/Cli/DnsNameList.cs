using System.Net;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>Parses "NAME[,NAME...]" given to pki --dns-kz / --dns-tm: host names (RFC 1123) a node certificate names in DNS SANs,
/// so a client that checks the server's name (a Party system, a browser, another TLS client) accepts the node behind a compose
/// service name or a load balancer's name.</summary>
/// <remarks>Only plain host names: no wildcard (one certificate per named service, not per domain), no IP address (this
/// option writes DNS SANs only), no trailing dot, at most <see cref="MaxNames"/> names. Anything else is refused with one
/// sentence before a file is written.</remarks>
internal static class DnsNameList
{
    /// <summary>Most names one node certificate is given on the command line.</summary>
    public const int MaxNames = 32;

    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>The names, lower-cased and without repeats, in the order given; throws <see cref="CliUsageException"/> naming
    /// <paramref name="option"/> and the first bad name.</summary>
    public static IReadOnlyList<string> Parse(string option, string value)
    {
        var parts = value.Split(',');
        if (parts.Length > MaxNames)
        {
            throw new CliUsageException($"pki: {option} takes at most {MaxNames} names, not {parts.Length}.");
        }

        var names = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var name = part.Trim();
            if (Problem(name) is { } problem)
            {
                throw new CliUsageException($"pki: {option}: '{CliParser.Shown(name)}' {problem}.");
            }

            name = name.ToLowerInvariant();
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Why <paramref name="name"/> is not a host name (the rest of a sentence), or null.</summary>
    private static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "is empty (names are separated by single commas)";
        }

        if (name.Length > MaxNameLength)
        {
            return $"is longer than {MaxNameLength} characters";
        }

        if (IPAddress.TryParse(name, out _))
        {
            return "is an IP address, not a DNS name";
        }

        if (name.Contains('*', StringComparison.Ordinal))
        {
            return "is a wildcard; name each service";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                return $"has a label that is empty or longer than {MaxLabelLength} characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return "has a label that starts or ends with a hyphen";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return "is not a DNS name (letters a-z, digits, hyphens and dots only)";
            }
        }

        return null;
    }
}
