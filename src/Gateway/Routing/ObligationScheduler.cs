using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing;

/// <summary>Marks open obligations overdue once the node's clock passes their due time.</summary>
/// <remarks>It reads the clock on every tick rather than arming a timer for each due time, so a clock advanced
/// through the development control takes effect at the next tick.</remarks>
internal sealed partial class ObligationScheduler(IGatewayStore store, TimeProvider time, IOptions<PolicyOptions> policy, ILogger<ObligationScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(policy.Value.OverdueScanInterval, time);
        do
        {
            try
            {
                var flagged = await store.MarkOverdueAsync(time.GetUtcNow(), stoppingToken);
                if (flagged > 0)
                {
                    LogOverdue(logger, flagged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage full is logged once per episode by the store; the next tick tries again.
                if (e is not Errors.StorageFullException)
                {
                    LogScanFailed(logger, e);
                }
            }
        }
        while (await Waits.NextTickAsync(timer, stoppingToken));
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "{Count} obligations became overdue")]
    private static partial void LogOverdue(ILogger logger, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Overdue scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
