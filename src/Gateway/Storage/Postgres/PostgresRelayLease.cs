using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Storage.Lease;
using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>The relay lease as a session advisory lock held on a dedicated connection: the holder is whoever's session holds
/// it, and it ends with that session — a process killed or a connection cut releases it at once, no expiry to wait out.</summary>
/// <remarks>A standby replica tries the lock every <see cref="StandbyPoll"/> (pg_try_advisory_lock) and takes it at the first
/// try after the holder's session ended (on loopback and on a LAN a killed process's socket is closed by its kernel, so that
/// is within one poll). It does not wait inside pg_advisory_lock: a statement waiting there holds its snapshot for as long
/// as it waits, which pinned the whole database's cleanup horizon for the standby's lifetime (measured with two replicas
/// per Party: no dead row version could be pruned or vacuumed, and each update of the busy rows — the counters, the stage
/// counts, the messages — walked ever longer version chains, 0.38 ms instead of 0.01 ms for a counter's).
/// A holder that hangs instead of dying stops heartbeating, and its session's idle_session_timeout ends it; the
/// holder itself treats a heartbeat that fails or is late as the loss, so it stops relaying before the session's timeout
/// lets anyone else in. A lease row with an expiry would need the same heartbeat and could only be taken over after the
/// expiry, even when the holder is known dead.</remarks>
internal sealed partial class PostgresRelayLease : IRelayLease, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    /// <summary>How often a standby tries the lock: the longest the relay stays without a holder after one's session ended.</summary>
    internal static readonly TimeSpan StandbyPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a replica that lost the lease waits before it tries again: four standby tries.</summary>
    private static readonly TimeSpan AfterLoss = 4 * StandbyPoll;

    private readonly NpgsqlDataSource _sessions;
    private readonly string _database;
    private readonly PostgresStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<CancellationToken> _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _holding;
    private Task? _loop;

    public PostgresRelayLease(PostgresDialect dialect, PostgresStorageOptions options, TimeProvider time, ILogger<PostgresRelayLease> logger)
    {
        _sessions = dialect.CreateSessionSource("relay-lease");
        _database = dialect.Description;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public bool Held { get; private set; }

    /// <summary>Whether this replica is standing by: its last try found the lease held by another.</summary>
    internal bool Standing { get; private set; }

    public AsyncSignal Changed { get; } = new();

    /// <summary>The backend process of the lease session while there is one (tests end it with pg_terminate_backend).</summary>
    internal int? SessionProcessId { get; private set; }

    public Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
            return _acquired.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync()
    {
        var stop = _stopping.Token;
        var retry = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            string? cause = null;
            var held = false;
            try
            {
                await using var session = await _sessions.OpenConnectionAsync(stop);
                SessionProcessId = session.ProcessID;
                await LimitIdleAsync(session, stop);
                await TakeWhenFreeAsync(session, stop);
                OnAcquired();
                held = true;
                retry = FirstRetry;
                await HoldAsync(session, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                cause = e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.GetType().Name;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                cause = "the node is stopping";
            }
            finally
            {
                SessionProcessId = null;
                Standing = false;
                OnLost(cause ?? "the lease session ended");
            }

            if (!stop.IsCancellationRequested)
            {
                // A replica whose lease session was cut leaves the first tries to the standbys (they try every StandbyPoll):
                // its own link to the database may be what failed. Alone, it takes the lease back after this.
                await WaitAsync(held ? AfterLoss : retry, stop);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    /// <summary>Tries the lock until it is free, idle between tries (no statement, no snapshot held while standing by).</summary>
    private async Task TakeWhenFreeAsync(NpgsqlConnection session, CancellationToken stop)
    {
        while (true)
        {
            await using (var command = Command(session, $"SELECT pg_try_advisory_lock({PostgresLocks.RelayLease}, {PostgresLocks.SchemaKey})",
                _options.LeaseHeartbeat))
            {
                if (await command.ExecuteScalarAsync(stop) is true)
                {
                    Standing = false;
                    return;
                }
            }

            Standing = true;
            await Task.Delay(StandbyPoll, _time, stop);
        }
    }

    /// <summary>Holds until the session ends: the server ending it (terminated, restarted) arrives at once as an error on the
    /// wait; a server or network that went silent shows as a heartbeat that fails or does not answer within a heartbeat.</summary>
    private async Task HoldAsync(NpgsqlConnection session, CancellationToken stop)
    {
        while (true)
        {
            if (!await session.WaitAsync(_options.LeaseHeartbeat, stop))
            {
                await ExecuteAsync(session, "SELECT 1", _options.LeaseHeartbeat, stop);
            }
        }
    }

    /// <summary>The session's own idle_session_timeout (PostgreSQL 14+): a holder that stops heartbeating loses its session,
    /// and the lease with it, on the server's side too. Older servers keep the lease until TCP keepalives end the session.</summary>
    private async Task LimitIdleAsync(NpgsqlConnection session, CancellationToken stop)
    {
        try
        {
            await ExecuteAsync(session, $"SET idle_session_timeout = {(long)_options.LeaseSessionTimeout.TotalMilliseconds}", _options.LeaseHeartbeat * 5, stop);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            LogNoIdleTimeout(_logger, _database);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection session, string sql, TimeSpan timeout, CancellationToken stop)
    {
        await using var command = Command(session, sql, timeout);
        await command.ExecuteNonQueryAsync(stop);
    }

    private static NpgsqlCommand Command(NpgsqlConnection session, string sql, TimeSpan timeout)
    {
        var command = session.CreateCommand();
        command.CommandText = sql;
        // Npgsql counts whole seconds.
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        return command;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void OnAcquired()
    {
        lock (_gate)
        {
            _holding = new CancellationTokenSource();
            Held = true;
            _acquired.TrySetResult(_holding.Token);
        }

        LogAcquired(_logger, _database);
        Changed.Pulse();
    }

    private void OnLost(string cause)
    {
        CancellationTokenSource? lost;
        lock (_gate)
        {
            lost = _holding;
            if (lost is null)
            {
                return;
            }

            // A new wait first, then the old token cancelled: a relay woken by the loss finds the lease not held.
            _holding = null;
            Held = false;
            _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        lost.Cancel();
        lost.Dispose();
        LogLost(_logger, _database, cause);
        Changed.Pulse();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stopping.Dispose();
        await _sessions.DisposeAsync();
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Relay lease acquired on {Database}: this replica relays to the other node")]
    private static partial void LogAcquired(ILogger logger, string database);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Relay lease lost on {Database} ({Cause}): this replica stopped relaying")]
    private static partial void LogLost(ILogger logger, string database, string cause);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning,
        Message = "{Database} has no idle_session_timeout (PostgreSQL before 14): a hung lease holder is replaced only when TCP keepalives end its session")]
    private static partial void LogNoIdleTimeout(ILogger logger, string database);
}
