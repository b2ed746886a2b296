using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The statements the group commit runs around the operations; a fault hook may fail any of them.</summary>
public enum WriteStep
{
    Open = 1,
    Begin = 2,
    Savepoint = 3,
    Release = 4,
    RollbackTo = 5,
    Commit = 6,

    /// <summary>The ROLLBACK of a batch that ran whole and had an operation throw, before it runs again isolated.</summary>
    Rollback = 7,
}

/// <summary>A development-only hook the writer calls before each of its own statements (fault injection).</summary>
public interface IWriteFaults
{
    /// <summary>Throws to make <paramref name="step"/> fail; may run a statement on <paramref name="connection"/> (null before it is open).</summary>
    void Before(WriteStep step, DbConnection? connection);

    /// <summary>Throws to make admitting this relayed notice fail (a poison notice).</summary>
    void BeforeAdmission(string messageId);
}

/// <summary>Store errors worth telling apart: storage full is retryable and logged once per episode; an unavailable database
/// (connection lost, server restarting, a concurrent writer won) is answered UNAVAILABLE, never as committed.</summary>
internal interface IStoreErrors
{
    /// <summary>Whether the engine refused the write because the disk or the database is full.</summary>
    bool IsStorageFull(Exception exception);

    /// <summary>Whether the database could not be reached or asked for a retry; nothing of the failed transaction is kept.</summary>
    bool IsUnavailable(Exception exception);
}
