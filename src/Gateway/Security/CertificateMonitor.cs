using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Reloads certificate files when they change (rotation) and reports certificates nearing expiry; both reach the audit trail and the log.</summary>
internal sealed partial class CertificateMonitor(
    CertificateStore certificates, IGatewayStore store, Time.RealClock time, IOptions<TlsOptions> options, ILogger<CertificateMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = false;
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        do
        {
            try
            {
                var changed = certificates.Refresh();
                var current = certificates.Current;
                if (!loaded || changed)
                {
                    await store.AppendAuditAsync(loaded ? "certificates-changed" : "certificates-loaded", "", "node",
                        $"node {current.Node.Thumbprint}, party CA {current.PartyCa.Thumbprint}, peer CA {current.PeerCa.Thumbprint}, peer node {current.PeerNode.Thumbprint}",
                        time.GetUtcNow(), stoppingToken);
                    loaded = true;
                }

                foreach (var status in CertificateHealth.Of(current, time.GetUtcNow(), options.Value.ExpiryWarning).Where(s => s.ExpiringSoon))
                {
                    LogExpiring(logger, status.Name, status.DaysLeft);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await Waits.NextTickAsync(timer, stoppingToken));
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Certificate {Name} expires in {DaysLeft:0.#} days")]
    private static partial void LogExpiring(ILogger logger, string name, double daysLeft);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Certificate check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>How long each certificate the node uses or trusts remains valid.</summary>
public static class CertificateHealth
{
    public static IReadOnlyList<Contracts.V1.CertificateStatus> Of(CertificateStore.Snapshot certs, DateTimeOffset now, TimeSpan warning) =>
    [
        .. new[] { ("node", certs.Node), ("party-ca", certs.PartyCa), ("peer-ca", certs.PeerCa), ("peer-node", certs.PeerNode) }.Select(c =>
        {
            var notAfter = new DateTimeOffset(c.Item2.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            return new Contracts.V1.CertificateStatus
            {
                Name = c.Item1,
                Subject = c.Item2.Subject,
                NotAfter = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(notAfter),
                DaysLeft = (notAfter - now).TotalDays,
                ExpiringSoon = notAfter - now < warning,
            };
        }),
    ];
}
