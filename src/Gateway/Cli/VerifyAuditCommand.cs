using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-audit --db FILE | --postgres CONNECTION-STRING, --node-cert FILE: checks the whole chain and the signed checkpoints, read through the engine;
/// verify-audit --evidence FILE --peer-cert FILE: checks one message's exported evidence offline. Exit 0 when intact, 1 when broken, 2 on a usage mistake.</summary>
public static class VerifyAuditCommand
{
    /// <summary>Exit code of a broken chain or evidence (2 is a mistake on the command line).</summary>
    public const int Broken = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        if (CliArgs.Option(args, "--evidence") is { } evidencePath)
        {
            return VerifyEvidence(evidencePath, CliArgs.Option(args, "--peer-cert"));
        }

        var store = StoreArgument.Open(args, "verify-audit");
        var certificate = CliArgs.Option(args, "--node-cert");
        if (store is null || certificate is null)
        {
            (store as IDisposable)?.Dispose();
            throw new CliUsageException($"verify-audit: give {StoreArgument.Hint} and --node-cert NODE.crt (the node's store and the certificate it signs checkpoints with), or --evidence FILE and --peer-cert FILE.");
        }

        var (entries, checkpoints) = await StoreArgument.ReadAsync(store, StoreAuditReader.ReadAsync);
        if (CliArgs.Option(args, "--checkpoints") is { } external)
        {
            // The off-database copy of the signed checkpoints: a tail cut together with its checkpoints still shows.
            checkpoints.AddRange(CheckpointFile.Read(external));
        }

        var verdict = AuditVerifier.Verify(entries, checkpoints, X509Certificate2.CreateFromPem(File.ReadAllText(certificate)));
        Console.WriteLine(verdict.Intact ? $"OK: {verdict.Message}" : $"BROKEN at entry {verdict.FirstBrokenSequence}: {verdict.Message}");
        return verdict.Intact ? 0 : Broken;
    }

    private static int VerifyEvidence(string path, string? peerCertificate)
    {
        if (peerCertificate is null)
        {
            throw new CliUsageException("verify-audit: --evidence needs --peer-cert OTHER-NODE.crt (your own copy of the other node's certificate).");
        }

        var evidence = Contracts.V1.Evidence.Parser.ParseFrom(File.ReadAllBytes(path));
        var checks = EvidenceVerifier.Verify(evidence, X509Certificate2.CreateFromPem(File.ReadAllText(peerCertificate)));
        foreach (var (check, holds) in checks)
        {
            Console.WriteLine($"{(holds ? "ok    " : "FAILED")} {check}");
        }

        var intact = checks.All(c => c.Holds);
        Console.WriteLine(intact ? $"OK: evidence for {evidence.MessageId} verifies" : $"BROKEN: evidence for {evidence.MessageId} does not verify");
        return intact ? 0 : Broken;
    }
}
