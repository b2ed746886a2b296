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

    /// <summary>A session for one read: a kept one, or one opened now. Disposing it gives it back (kept if its reads succeeded
    /// and there is room, else closed).</summary>
    public async Task<Session> RentAsync(CancellationToken cancellationToken)
    {
        lock (_idle)
        {
            if (_idle.TryPop(out var kept))
            {
                return kept;
            }
        }

        return new Session(this, await dialect.OpenReaderAsync(cancellationToken), _keep > 0);
    }

    private async ValueTask GiveBackAsync(Session session)
    {
        lock (_idle)
        {
            if (session.Healthy && !_disposed && _idle.Count < _keep)
            {
                _idle.Push(session);
                return;
            }
        }

        await session.CloseAsync();
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
            await session.CloseAsync();
        }
    }

    /// <summary>One open read session, rented from <see cref="RentAsync"/>.</summary>
    internal sealed class Session(ReaderSessions owner, DbConnection connection, bool keepStatements) : IAsyncDisposable
    {
        private readonly StatementCache? _statements = keepStatements ? new StatementCache(connection) : null;

        /// <summary>False once a read on it failed: it is closed when given back.</summary>
        public bool Healthy { get; private set; } = true;

        public async Task<List<T>> QueryAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map,
            CancellationToken cancellationToken)
        {
            Healthy = false;
            List<T> rows;
            if (_statements is not null)
            {
                rows = await ReadAsync(_statements.Get(sql, null, parameters), map, cancellationToken);
            }
            else
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                SqlParameters.Bind(command, parameters);
                rows = await ReadAsync(command, map, cancellationToken);
            }

            Healthy = true;
            return rows;
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

        public ValueTask DisposeAsync() => owner.GiveBackAsync(this);

        internal async ValueTask CloseAsync()
        {
            _statements?.Dispose();
            await connection.DisposeAsync();
        }
    }
}
