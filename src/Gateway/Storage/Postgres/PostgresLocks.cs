namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>The advisory locks replicas of one node share. Each key is a pair: a constant naming the lock and the hash of the
/// schema the gateway's tables live in, so two gateways in two schemas of one database never wait for each other.</summary>
/// <remarks>Advisory locks are per database; the schema part matters where one server holds several gateways' schemas (the
/// tests, a shared staging server). A hash collision between two schemas only makes them take turns, it breaks nothing.</remarks>
internal static class PostgresLocks
{
    /// <summary>"CGWR": held for the length of every group commit's transaction (pg_advisory_xact_lock).</summary>
    public const int Writer = 0x4347_5752;

    /// <summary>"CGLS": the relay lease, held for a session on a dedicated connection (pg_try_advisory_lock).</summary>
    public const int RelayLease = 0x4347_4C53;

    /// <summary>The second half of every key: this session's schema.</summary>
    public const string SchemaKey = "hashtext(current_schema())";
}
