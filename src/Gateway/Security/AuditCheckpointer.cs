using ClassifiedGateway.Gateway.Routing;
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

    /// <summary>How often the node verifies its own audit chain (exported as gateway_audit_chain_intact for the alert).</summary>
    /// <value>Default 10 minutes.</value>
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An append-only file that receives every signed checkpoint too, so that deleting checkpoints from the database
    /// along with the chain's tail is still detected. Keep it on other storage (or ship it off the node) in production.</summary>
    /// <value>Default "data/audit.checkpoints" (its folder is created when missing), whatever the storage engine.</value>
    public string CheckpointLog { get; set; } = "data/audit.checkpoints";
}

/// <summary>Signs the audit chain's head at a configured interval (and once at start), so a cut tail is detectable.</summary>
internal sealed partial class AuditCheckpointer(
    IGatewayStore store, NodeKeys keys, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditCheckpointer> logger)
    : BackgroundService
{
    private string LogPath => options.Value.CheckpointLog is { Length: > 0 } path ? path : new AuditOptions().CheckpointLog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        do
        {
            try
            {
                if (await store.CheckpointAuditAsync(keys.SignCheckpoint, time.GetUtcNow(), stoppingToken) is { } checkpoint)
                {
                    await CheckpointFile.AppendAsync(LogPath, checkpoint, stoppingToken);
                    LogCheckpoint(logger, checkpoint.HeadSequence);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage full is logged once per episode by the store; the next tick tries again.
                if (e is not Errors.StorageFullException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        while (await Waits.NextTickAsync(timer, stoppingToken));
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Debug, Message = "Signed an audit checkpoint at entry {HeadSequence}")]
    private static partial void LogCheckpoint(ILogger logger, long headSequence);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Audit checkpoint failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>The append-only text file of signed checkpoints: one line each, "head-sequence head-hash at-ms signature" (hex, hex, decimal, base64).</summary>
public static class CheckpointFile
{
    public static async Task AppendAsync(string path, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var line = $"{checkpoint.HeadSequence} {Convert.ToHexStringLower(checkpoint.HeadHash)} {checkpoint.AtMs} {Convert.ToBase64String(checkpoint.Signature)}\n";
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
        await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(line), cancellationToken);
        file.Flush(flushToDisk: true);
    }

    public static IReadOnlyList<AuditCheckpoint> Read(string path) =>
    [
        .. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(p => new AuditCheckpoint(
            long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Convert.FromHexString(p[1]),
            long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(p[3]))),
    ];
}
