using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage.Sqlite;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-audit --db FILE --node-cert FILE: checks the whole chain and the signed checkpoints;
/// verify-audit --evidence FILE --peer-cert FILE: checks one message's exported evidence offline. Exit 0 when intact, 2 when broken.</summary>
public static class VerifyAuditCommand
{
    public static int Run(string[] args)
    {
        if (CliArgs.Option(args, "--evidence") is { } evidencePath)
        {
            return VerifyEvidence(evidencePath, CliArgs.Option(args, "--peer-cert"));
        }

        var db = CliArgs.Option(args, "--db");
        var certificate = CliArgs.Option(args, "--node-cert");
        if (db is null || certificate is null || !File.Exists(db) || !File.Exists(certificate))
        {
            Console.Error.WriteLine("usage: verify-audit --db NODE.db --node-cert NODE.crt [--checkpoints NODE.db.checkpoints]   (the node's store, the certificate it signs checkpoints with, and its checkpoint log)");
            return 64;
        }

        var (entries, checkpoints) = SqliteAuditReader.Read(db);
        if (CliArgs.Option(args, "--checkpoints") is { } external)
        {
            // The off-database copy of the signed checkpoints: a tail cut together with its checkpoints still shows.
            checkpoints.AddRange(CheckpointFile.Read(external));
        }

        var verdict = AuditVerifier.Verify(entries, checkpoints, X509Certificate2.CreateFromPem(File.ReadAllText(certificate)));
        Console.WriteLine(verdict.Intact ? $"OK: {verdict.Message}" : $"BROKEN at entry {verdict.FirstBrokenSequence}: {verdict.Message}");
        return verdict.Intact ? 0 : 2;
    }

    private static int VerifyEvidence(string path, string? peerCertificate)
    {
        if (!File.Exists(path) || peerCertificate is null || !File.Exists(peerCertificate))
        {
            Console.Error.WriteLine("usage: verify-audit --evidence MESSAGE.evidence --peer-cert OTHER-NODE.crt   (your own copy of the other node's certificate)");
            return 64;
        }

        var evidence = Contracts.V1.Evidence.Parser.ParseFrom(File.ReadAllBytes(path));
        var checks = EvidenceVerifier.Verify(evidence, X509Certificate2.CreateFromPem(File.ReadAllText(peerCertificate)));
        foreach (var (check, holds) in checks)
        {
            Console.WriteLine($"{(holds ? "ok    " : "FAILED")} {check}");
        }

        var intact = checks.All(c => c.Holds);
        Console.WriteLine(intact ? $"OK: evidence for {evidence.MessageId} verifies" : $"BROKEN: evidence for {evidence.MessageId} does not verify");
        return intact ? 0 : 2;
    }
}
