using System.Data.Common;
using ClassifiedGateway.Gateway.Errors;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>What the writer does when a batch fails: storage full is one retryable episode, logged once; anything else is logged
/// per batch; either way the connection is reset so the next batch starts clean.</summary>
internal sealed partial class GroupCommitWriter
{
    private Exception Translate(Exception exception) => exception switch
    {
        GatewayException => exception,
        _ when _errors?.IsStorageFull(exception) == true => new StorageFullException(exception),
        _ when _errors?.IsUnavailable(exception) == true => new StoreUnavailableException(exception),
        _ => exception,
    };

    private void ReportBatchFailure(Exception failure, Exception original, int count)
    {
        if (failure is StorageFullException)
        {
            NoteStorageFull();
        }
        else
        {
            LogCommitFailed(_logger, original, count);
        }
    }

    /// <summary>One log line per episode: the first refusal for lack of space, then nothing until a commit succeeds again.</summary>
    private void NoteStorageFull()
    {
        _lastFull = _time.GetUtcNow();
        if (_fullSince is null)
        {
            _fullSince = _time.GetUtcNow();
            LogStorageFull(_logger);
        }
    }

    private static void DisposeQuietly(DbTransaction disposable)
    {
        try
        {
            disposable.Dispose();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // A transaction on a broken connection may fail to roll back; the connection is reset next.
        }
    }

    private void ResetConnection()
    {
        try
        {
            _statements?.Dispose();
            _connection?.Dispose();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // A connection that failed mid-transaction may also fail to close; the next batch opens a new one.
        }

        _statements = null;
        _connection = null;
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Writer connection found broken ({ErrorType}) before a batch; reopened, the batch goes on")]
    private static partial void LogReconnecting(ILogger logger, string errorType);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Rolling back a batch to run it isolated failed ({ErrorType}); connection reopened, the isolated run reports what is wrong")]
    private static partial void LogRollbackFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Group commit of {OperationCount} writes failed; none was acknowledged")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int operationCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "Storage full: writes are refused with RESOURCE_EXHAUSTED (nothing is acknowledged) until space returns")]
    private static partial void LogStorageFull(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Storage recovered after {Seconds:F1} s full; writes are accepted again")]
    private static partial void LogStorageRecovered(ILogger logger, double seconds);
}
