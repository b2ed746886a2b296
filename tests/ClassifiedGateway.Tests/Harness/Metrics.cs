using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>The operator's HTTP view of a node: /metrics and /healthz/*, over mutual TLS with the operator certificate.</summary>
internal static class Metrics
{
    public static HttpClient OperatorHttp(NodeSettings node)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node.Own, "ca.crt")));
        var operatorCert = Path.Combine(node.Own, $"{node.Code.ToLowerInvariant()}-operator");
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { X509Certificate2.CreateFromPemFile(operatorCert + ".crt", operatorCert + ".key") },
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{node.OperatorPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<string> ScrapeAsync(NodeSettings node)
    {
        using var http = OperatorHttp(node);
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>A node's series as it scrapes now (see <see cref="Value"/>).</summary>
    public static async Task<double> ValueAsync(NodeSettings node, string name) => Value(await ScrapeAsync(node), name);

    /// <summary>The first sample of a series (with or without labels), or -1 when it is not there.</summary>
    public static double Value(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
