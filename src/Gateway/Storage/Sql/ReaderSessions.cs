using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The store's read sessions: up to <see cref="ISqlDialect.ReaderSessionsKept"/> stay open between reads, each with its
/// statements prepared once and reused (<see cref="StatementCache"/>); beyond that, or with none kept, a read opens a session
/// and runs a new command on it.</summary>
/// <remarks>SQLite parses and plans a new command's text every time: the reads that follow the write path (the live feeds'
/// stage changes at every commit, the relay's outbox pages, an acknowledgement's lookup) were 1–2 statements compiled per
/// notice. A session whose read failed is closed, never kept, so a broken one is not handed out again.</remarks>
internal sealed class ReaderSessions(ISqlDialect dialect) : IAsyncDisposable
{
    private readonly Stack<Session> _idle = new();
    private readonly int _keep = dialect.ReaderSessionsKept;
    private bool _disposed;

    /// <summary>Sessions open and idle, kept for the next reads.</summary>
    public int Kept
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Runs one query on a session; <paramref name="opened"/> is set once a session is open (a failure after it is
    /// the query's or the session's, not the database refusing a session).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map,
        Action opened, CancellationToken cancellationToken)
    {
        var session = Take() ?? new Session(await dialect.OpenReaderAsync(cancellationToken), _keep > 0);
        opened();
        var healthy = false;
        try
        {
            var rows = await session.QueryAsync(sql, parameters, map, cancellationToken);
            healthy = true;
            return rows;
        }
        finally
        {
            await GiveBackAsync(session, healthy);
        }
    }

    private Session? Take()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var session) ? session : null;
        }
    }

    private async ValueTask GiveBackAsync(Session session, bool healthy)
    {
        lock (_idle)
        {
            if (healthy && !_disposed && _idle.Count < _keep)
            {
                _idle.Push(session);
                return;
            }
        }

        await session.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<Session> idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var session in idle)
        {
            await session.DisposeAsync();
        }
    }

    private sealed class Session(DbConnection connection, bool keepStatements) : IAsyncDisposable
    {
        private readonly StatementCache? _statements = keepStatements ? new StatementCache(connection) : null;

        public async Task<List<T>> QueryAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map,
            CancellationToken cancellationToken)
        {
            if (_statements is not null)
            {
                return await ReadAsync(_statements.Get(sql, null, parameters), map, cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            SqlParameters.Bind(command, parameters);
            return await ReadAsync(command, map, cancellationToken);
        }

        private static async Task<List<T>> ReadAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            _statements?.Dispose();
            await connection.DisposeAsync();
        }
    }
}
