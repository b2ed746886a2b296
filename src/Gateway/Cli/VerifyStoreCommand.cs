using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Cli;

/// <summary>verify-store --db FILE | --postgres CONNECTION-STRING: re-checks every stored envelope against its row digest and the audit chain's digest,
/// and the counts the triggers keep against the rows.
/// One line per broken message (its id, never its content) and per wrong count. Exit 0 when intact, 1 when broken, 2 on a usage mistake.</summary>
public static class VerifyStoreCommand
{
    /// <summary>Exit code when a stored message fails its check (2 is a mistake on the command line), as for verify-audit.</summary>
    public const int Broken = VerifyAuditCommand.Broken;

    public static async Task<int> RunAsync(string[] args)
    {
        var store = StoreArgument.Open(args, "verify-store")
            ?? throw new CliUsageException($"verify-store: {StoreArgument.Hint} is required (the node's store; run verify-audit too for the chain itself).");

        var (broken, counts) = await StoreArgument.ReadAsync(store, async (dialect, ct) =>
            (await StoreVerifier.VerifyAsync(dialect, ct), await CountsVerifier.VerifyAsync(dialect, ct)));
        foreach (var (id, problem) in broken)
        {
            Console.WriteLine($"BROKEN {Domain.SafeText.Bounded(id, 200)}: {problem}");
        }

        foreach (var problem in counts)
        {
            Console.WriteLine($"BROKEN counts: {problem}");
        }

        Console.WriteLine(broken.Count + counts.Count == 0 ? "OK: every stored envelope matches its digest and the audit chain, and every kept count its rows"
            : counts.Count == 0 ? $"BROKEN: {broken.Count} stored messages fail their check"
            : $"BROKEN: {broken.Count} stored messages fail their check, {counts.Count} kept counts differ from their rows (the console and metrics show them)");
        return broken.Count + counts.Count == 0 ? 0 : Broken;
    }
}
