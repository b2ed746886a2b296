using System.Data.Common;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>One write operation's view of the group commit's transaction.</summary>
/// <remarks>Commands come from the writer's <see cref="StatementCache"/>: callers never dispose them, only the readers they
/// return. The audit chain's head is kept here for the transaction, so appending an entry reads nothing; a ROLLBACK TO puts
/// back the head its savepoint saw (with the rows buffered since dropped, see <see cref="PendingEvents"/>), and a new
/// transaction starts without one, so it is never stale.
/// <para>When the batch runs whole (<paramref name="isolated"/> false, see <see cref="GroupCommitWriter"/>) there are no
/// savepoints: <see cref="Savepoint"/> and <see cref="Release"/> do nothing, and an operation that needs to roll one back
/// (<see cref="RollbackTo"/>) throws <see cref="IsolationNeededException"/>, which makes the writer run the batch again isolated.</para></remarks>
internal sealed class WriteScope(StatementCache statements, DbTransaction transaction, StoreCounters counters, bool isolated = true)
{
    private (long Sequence, byte[] Hash)? _auditHead;

    /// <summary>This commit's history and audit rows, written by <see cref="Flush"/> just before COMMIT.</summary>
    public PendingEvents Events { get; } = new();

    public bool OutboxChanged { get; set; }

    public bool InboxChanged { get; set; }

    public bool HistoryChanged { get; set; }

    /// <summary>Writes queued by <see cref="Write"/>, not sent yet.</summary>
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _writes = [];

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        // A statement whose answer the caller reads runs after every write queued before it (it may read what they wrote).
        SendWrites();
        // Every command handed out here is executed exactly once by its caller, so counting here counts statements run.
        counters.Wrote();
        return statements.Get(sql, transaction, parameters);
    }

    /// <summary>Queues a write whose answer nobody reads (no row count, no RETURNING). It is sent before the next statement
    /// that has an answer, or at the latest when the operation ends (<see cref="SendWrites"/>), so an operation's error
    /// stays its own.</summary>
    public void Write(string sql, params (string Name, object? Value)[] parameters)
    {
        counters.Wrote();
        _writes.Add((sql, parameters));
    }

    /// <summary>Sends the queued writes: on an engine with batches (PostgreSQL) all in one round trip, else one by one on the
    /// prepared statements. A failure is thrown here, with nothing of the queue left to send again.</summary>
    /// <remarks>Measured on PostgreSQL (e2e benchmark): each statement was a round trip with its context switches on both
    /// sides, and the writer's statements were most of the node's CPU there.</remarks>
    public void SendWrites()
    {
        if (_writes.Count == 0)
        {
            return;
        }

        var writes = _writes.ToArray();
        _writes.Clear();
        if (writes.Length == 1 || !statements.Connection.CanCreateBatch)
        {
            foreach (var (sql, parameters) in writes)
            {
                statements.Get(sql, transaction, parameters).ExecuteNonQuery();
            }

            return;
        }

        using var batch = statements.Connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            SqlParameters.Bind(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        var value = Command(sql, parameters).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query; the caller disposes the reader before running the same SQL again.</summary>
    public DbDataReader Reader(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteReader();

    /// <summary>Whether each operation runs inside its own savepoint (the batch's second run, after one threw).</summary>
    public bool Isolated => isolated;

    public void Savepoint(string name)
    {
        if (!isolated)
        {
            return;
        }

        Execute($"SAVEPOINT {name}");
        Events.Mark(name, _auditHead);
    }

    public void Release(string name)
    {
        if (!isolated)
        {
            return;
        }

        Execute($"RELEASE SAVEPOINT {name}");
        Events.Release(name);
    }

    public void RollbackTo(string name)
    {
        // What the failed operation queued is dropped, never sent.
        _writes.Clear();
        if (!isolated)
        {
            throw new IsolationNeededException(name);
        }

        Execute($"ROLLBACK TO SAVEPOINT {name}");
        _auditHead = Events.RollBackTo(name);
    }

    /// <summary>Writes the buffered history and audit rows (the writer calls it once, after the last operation, before COMMIT).</summary>
    public void Flush()
    {
        HistoryChanged |= Events.HasHistory;
        Events.Flush(this);
    }

    /// <summary>The last audit entry's sequence and hash (0 and the genesis hash for an empty chain).</summary>
    public (long Sequence, byte[] Hash) AuditHead
    {
        get
        {
            if (_auditHead is { } head)
            {
                return head;
            }

            using var r = Reader("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
            var read = r.Read() ? (r.GetInt64(0), (byte[])r[1]) : (0L, AuditHash.Genesis);
            _auditHead = read;
            return read;
        }

        set => _auditHead = value;
    }
}

/// <summary>An operation asked to roll back to a savepoint while its batch ran whole: the writer rolls the batch back and runs it
/// again isolated, where the savepoint is real.</summary>
internal sealed class IsolationNeededException(string savepoint) : Exception($"Savepoint '{savepoint}' needs the batch to run isolated.");

/// <summary>Binds named parameters the same way for every engine.</summary>
internal static class SqlParameters
{
    public static void Bind(DbCommand command, (string Name, object? Value)[] parameters) =>
        Bind(command.Parameters, command.CreateParameter, parameters);

    /// <summary>The same for any parameter collection (a command's, or a batch command's).</summary>
    public static void Bind(DbParameterCollection bound, Func<DbParameter> create, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            bound.Add(parameter);
        }
    }
}
