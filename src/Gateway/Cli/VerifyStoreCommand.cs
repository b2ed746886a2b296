using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-store --db FILE | --postgres CONNECTION-STRING: re-checks every stored envelope against its row digest and the audit chain's digest.
/// One line per broken message (its id, never its content). Exit 0 when intact, 1 when broken, 2 on a usage mistake.</summary>
public static class VerifyStoreCommand
{
    /// <summary>Exit code when a stored message fails its check (2 is a mistake on the command line), as for verify-audit.</summary>
    public const int Broken = VerifyAuditCommand.Broken;

    public static async Task<int> RunAsync(string[] args)
    {
        var store = StoreArgument.Open(args, "verify-store")
            ?? throw new CliUsageException($"verify-store: {StoreArgument.Hint} is required (the node's store; run verify-audit too for the chain itself).");

        var broken = await StoreArgument.ReadAsync(store, StoreVerifier.VerifyAsync);
        foreach (var (id, problem) in broken)
        {
            Console.WriteLine($"BROKEN {Domain.SafeText.Bounded(id, 200)}: {problem}");
        }

        Console.WriteLine(broken.Count == 0 ? "OK: every stored envelope matches its digest and the audit chain" : $"BROKEN: {broken.Count} stored messages fail their check");
        return broken.Count == 0 ? 0 : Broken;
    }
}
