using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>Ready only while the store answers, within a bound (a database host that hangs makes the replica not-ready, not
/// the probe hang). The reason names the database (engine, host, database), never the connection string or a password.</summary>
internal sealed class StoreHealthCheck(IGatewayStore store, ISqlDialect dialect, TimeProvider time) : IHealthCheck
{
    /// <summary>How long the database may take to answer the readiness probe's query.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bound = new CancellationTokenSource(Patience, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            return await store.PingAsync(linked.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"store did not answer: {dialect.Description}");
        }
        catch (Exception) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"store unreachable: {dialect.Description} did not answer within {Patience.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"store unreachable: {dialect.Description} ({Reason(e)})");
        }
    }

    /// <summary>The failure's kind and, for a server's error, its SQLSTATE; never the message (it may quote the connection).</summary>
    private static string Reason(Exception e) => (e is Errors.StoreUnavailableException { InnerException: { } inner } ? inner : e) switch
    {
        Npgsql.PostgresException p => $"SQLSTATE {p.SqlState}",
        { InnerException: System.Net.Sockets.SocketException s } => s.SocketErrorCode.ToString(),
        _ => e.GetType().Name,
    };
}
