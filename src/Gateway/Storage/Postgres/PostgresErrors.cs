using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>Which PostgreSQL failures mean "not now, retry" (UNAVAILABLE) rather than a fault of the request.</summary>
internal static class PostgresErrors
{
    /// <remarks>Connection classes (08), the server shutting down or starting (57P01-57P03), too many connections (53300),
    /// serialization failures and deadlocks (40001, 40P01), a lock not obtained (55P03), and a unique violation (23505): the
    /// store checks for duplicates before it inserts, so a unique violation is a concurrent writer that committed the same
    /// key first, and the retry finds its row. A failure of the connection itself (NpgsqlException that is no
    /// PostgresException: socket closed, timeout) is unavailable too; a COMMIT it interrupted is answered as not committed,
    /// and the retry is deduplicated by message id.</remarks>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.UniqueViolation,
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };
}
