using System.Globalization;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>What the PostgreSQL server spends, read from outside the nodes: its WAL syncs (pg_stat_wal.wal_sync: every fsync or
/// fdatasync of WAL, the syncs commits wait for) and the CPU time of its processes (every process named postgres on this
/// machine, from /proc). Not counted: the checkpointer's data-file syncs, which no commit waits for; a backend that ended
/// during the run (the nodes' pooled connections live through it).</summary>
internal sealed class PostgresServerProbe(string connectionString)
{
    public async Task<ServerSnapshot> SnapshotAsync()
    {
        var walSyncs = Convert.ToInt64(await TestDatabase.AdminAsync(connectionString, "SELECT wal_sync FROM pg_stat_wal"), CultureInfo.InvariantCulture);
        return new ServerSnapshot(walSyncs, CpuOfServerProcesses());
    }

    private static TimeSpan CpuOfServerProcesses()
    {
        var total = TimeSpan.Zero;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(folder), out _) && File.ReadAllText(Path.Combine(folder, "comm")).Trim() == "postgres")
                {
                    total += NodeProbe.CpuOf(File.ReadAllText(Path.Combine(folder, "stat")));
                }
            }
            catch (IOException)
            {
                // The process ended between the listing and the read.
            }
        }

        return total;
    }
}

/// <summary>The server's counters at one moment.</summary>
internal sealed record ServerSnapshot(long WalSyncs, TimeSpan Cpu);
