using ClassifiedGateway.Gateway.Storage.Sqlite;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-store --db FILE: re-checks every stored envelope against its row digest and the audit chain's digest.
/// One line per broken message (its id, never its content). Exit 0 when intact, 2 when broken or misused.</summary>
public static class VerifyStoreCommand
{
    public static int Run(string[] args)
    {
        var db = CliArgs.Option(args, "--db");
        if (db is null || !File.Exists(db))
        {
            Console.Error.WriteLine("usage: verify-store --db NODE.db   (the node's store; run verify-audit too for the chain itself)");
            return 2;
        }

        var broken = SqliteStoreVerifier.Verify(db);
        foreach (var (id, problem) in broken)
        {
            Console.WriteLine($"BROKEN {Domain.SafeText.Bounded(id, 200)}: {problem}");
        }

        Console.WriteLine(broken.Count == 0 ? "OK: every stored envelope matches its digest and the audit chain" : $"BROKEN: {broken.Count} stored messages fail their check");
        return broken.Count == 0 ? 0 : 2;
    }
}
