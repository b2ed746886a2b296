using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Runs the real binary's verify-audit on a Party's PostgreSQL database, as an auditor would.</summary>
internal static class PostgresAudit
{
    /// <summary>Exit code and everything verify-audit printed for <paramref name="party"/>'s chain in <paramref name="cluster"/>.</summary>
    public static async Task<CliRun> VerifyAsync(ReplicaCluster cluster, Party party, string? checkpoints = null)
    {
        var node = cluster.Settings(party, 0);
        List<string> args = ["verify-audit", "--postgres", cluster.ConnectionString(party), "--node-cert", Path.Combine(node.Own, "node.crt")];
        if (checkpoints is not null)
        {
            args.AddRange(["--checkpoints", checkpoints]);
        }

        return await CliRun.RunAsync(cluster.Directory, args);
    }
}
