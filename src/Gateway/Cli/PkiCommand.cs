using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>pki --out DIR [--dns-kz NAMES] [--dns-tm NAMES]: creates a development PKI (never for production), only where
/// --out says; each Party's node certificate also names the given host names (e.g. compose service names).</summary>
public static class PkiCommand
{
    /// <summary>The option naming each Party's node host names.</summary>
    public static readonly IReadOnlyDictionary<Party, string> DnsOptions = new Dictionary<Party, string>
    {
        [Party.Kz] = "--dns-kz",
        [Party.Tm] = "--dns-tm",
    };

    public static int Run(string[] args)
    {
        var names = new Dictionary<Party, IReadOnlyList<string>>();
        foreach (var (party, option) in DnsOptions)
        {
            if (CliArgs.Option(args, option) is { } value)
            {
                names[party] = DnsNameList.Parse(option, value);
            }
        }

        var directory = Path.GetFullPath(CliArgs.Option(args, "--out")
            ?? throw new CliUsageException("pki: --out DIR is required: the PKI is written only where you say."));
        if (DevPki.EnsureCreated(directory, TimeProvider.System, names))
        {
            Console.WriteLine($"Development PKI written to {directory} (kz/, tm/).");
            return 0;
        }

        // Run again (a compose one-shot on every `up`): fine when the node certificates already name every host asked for.
        foreach (var (party, wanted) in names)
        {
            var code = PartyCodes.Code(party).ToLowerInvariant();
            var missing = wanted.Except(NodeDnsNames(Path.Combine(directory, code, "node.crt")), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
            if (missing is not null)
            {
                throw new CliUsageException(
                    $"pki: the PKI already in {directory} has a {code}/node.crt that does not name {missing} ({DnsOptions[party]}); remove that folder to make a new one.");
            }
        }

        Console.WriteLine($"A PKI already exists in {directory}; nothing changed.");
        return 0;
    }

    /// <summary>The DNS SANs of the PEM certificate at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> NodeDnsNames(string path)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliUsageException($"pki: {CliParser.Shown(path)} cannot be read as a certificate; remove that folder to make a new PKI.", e);
        }
    }
}
