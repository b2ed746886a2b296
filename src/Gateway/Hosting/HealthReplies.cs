using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifiedGateway.Gateway.Hosting;

/// <summary>The reply of /healthz/ready: the status word alone while it is Healthy or Degraded (what probes compare), then one
/// line per failing check when Unhealthy (e.g. which database is unreachable); the relay lease in the X-Relay-Lease header.</summary>
internal static class HealthReplies
{
    public const string LeaseHeader = "X-Relay-Lease";
    public const string LeaseHeld = "held";
    public const string LeaseStandby = "standby";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Entries.TryGetValue(RelayLeaseHealthCheck.Name, out var lease) && lease.Description is { } held)
        {
            context.Response.Headers[LeaseHeader] = held;
        }

        var text = report.Status.ToString();
        if (report.Status == HealthStatus.Unhealthy)
        {
            text += string.Concat(report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"\n{e.Key}: {e.Value.Description}"));
        }

        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(text);
    }
}
