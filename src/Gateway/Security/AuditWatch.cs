using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>A verification of the audit chain and when it ran.</summary>
public sealed record AuditVerification(AuditVerdict Verdict, DateTimeOffset At);

/// <summary>Verifies the audit chain (hashes, the node's signed checkpoints in the store and in the checkpoint log) at start and
/// every <see cref="AuditOptions.VerifyInterval"/>, for the alert on a broken chain and the operators' audit-trail view.</summary>
public sealed partial class AuditWatch(
    IConsoleStore store, CertificateStore certificates, TimeProvider time, IOptions<AuditOptions> options,
    ILogger<AuditWatch> logger) : BackgroundService
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private volatile AuditVerification? _latest;

    /// <summary>The last verification, or null before the first.</summary>
    public AuditVerification? Latest => _latest;

    private string LogPath => options.Value.CheckpointLog is { Length: > 0 } path ? path : new AuditOptions().CheckpointLog;

    /// <summary>Verifies now (one at a time: a caller arriving meanwhile waits for it and runs its own after).</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var (entries, checkpoints) = await store.ReadAuditChainAsync(cancellationToken);
            var all = checkpoints.ToList();
            AuditVerdict verdict;
            try
            {
                if (File.Exists(LogPath))
                {
                    all.AddRange(CheckpointFile.Read(LogPath));
                }

                verdict = AuditVerifier.Verify(entries, all, certificates.Current.Node);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or IOException)
            {
                verdict = new AuditVerdict(false, null, "the checkpoint log cannot be read", entries.Count, all.Count);
            }

            var result = new AuditVerification(verdict, time.GetUtcNow());
            if (!verdict.Intact && _latest?.Verdict.Intact != false)
            {
                LogBroken(logger, verdict.FirstBrokenSequence, verdict.Message);
            }

            _latest = result;
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VerifyInterval, time);
        do
        {
            try
            {
                await VerifyAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await Waits.NextTickAsync(timer, stoppingToken));
    }

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "Audit chain BROKEN at entry {Sequence}: {Problem}")]
    private static partial void LogBroken(ILogger logger, long? sequence, string problem);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Warning, Message = "Audit chain verification could not run ({ErrorType}); trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
