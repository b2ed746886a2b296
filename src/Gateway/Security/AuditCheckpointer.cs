using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Settings of the audit trail.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Gateway:Audit";

    /// <summary>How often the node signs a checkpoint of the audit chain's head.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Signs the audit chain's head at a configured interval (and once at start), so a cut tail is detectable.</summary>
internal sealed partial class AuditCheckpointer(IGatewayStore store, NodeKeys keys, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditCheckpointer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        do
        {
            try
            {
                if (await store.CheckpointAuditAsync(keys.SignCheckpoint, time.GetUtcNow(), stoppingToken) is { } head)
                {
                    LogCheckpoint(logger, head);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await Ticks.NextAsync(timer, stoppingToken));
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Debug, Message = "Signed an audit checkpoint at entry {HeadSequence}")]
    private static partial void LogCheckpoint(ILogger logger, long headSequence);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Audit checkpoint failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>A periodic timer's next tick, false once stopping.</summary>
internal static class Ticks
{
    public static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
