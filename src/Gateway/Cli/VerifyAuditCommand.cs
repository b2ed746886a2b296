using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage.Sqlite;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-audit --db FILE --node-cert FILE: checks the whole chain and the signed checkpoints; exit 0 when intact, 2 when broken.</summary>
public static class VerifyAuditCommand
{
    public static int Run(string[] args)
    {
        var db = CliArgs.Option(args, "--db");
        var certificate = CliArgs.Option(args, "--node-cert");
        if (db is null || certificate is null || !File.Exists(db) || !File.Exists(certificate))
        {
            Console.Error.WriteLine("usage: verify-audit --db NODE.db --node-cert NODE.crt   (the node's store and the certificate it signs checkpoints with)");
            return 64;
        }

        var (entries, checkpoints) = SqliteAuditReader.Read(db);
        var verdict = AuditVerifier.Verify(entries, checkpoints, X509Certificate2.CreateFromPem(File.ReadAllText(certificate)));
        Console.WriteLine(verdict.Intact ? $"OK: {verdict.Message}" : $"BROKEN at entry {verdict.FirstBrokenSequence}: {verdict.Message}");
        return verdict.Intact ? 0 : 2;
    }
}
