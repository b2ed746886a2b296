using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Every certificate and key file that exists must also parse (PEM), and the node key must match the node
/// certificate; otherwise the node would start and fail every handshake and signature.</summary>
internal sealed class TlsFileContentsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, path) in new[] { ("PartyCa", options.PartyCa), ("PeerCa", options.PeerCa), ("PeerNodeCertificate", options.PeerNodeCertificate) })
        {
            Check(problems, key, path, () => X509Certificate2.CreateFromPem(File.ReadAllText(path)).Dispose());
        }

        if (File.Exists(options.NodeKey))
        {
            Check(problems, "NodeCertificate", options.NodeCertificate,
                () => X509Certificate2.CreateFromPemFile(options.NodeCertificate, options.NodeKey).Dispose(), "NodeKey");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<string> problems, string key, string path, Action load, string? alsoKey = null)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return;
        }

        try
        {
            load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var which = alsoKey is null ? $"Gateway:Tls:{key} ({path})" : $"Gateway:Tls:{key} ({path}) with Gateway:Tls:{alsoKey}";
            problems.Add($"{which} cannot be read as a PEM certificate{(alsoKey is null ? "" : " and its private key")}: {e.Message.Split('\n')[0].Trim()}");
        }
    }
}
