using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>Wakes this replica's loops (delivery streams, the relay, the console's feeds) when another replica commits: LISTEN on
/// a dedicated session, each notification pulsing the signals it names.</summary>
/// <remarks>On every (re)connect all signals are pulsed once, so whatever was committed while the session was down is looked
/// at; while it is down they are pulsed at every retry (the poll that stands in for it), and the loops' own timeouts remain the
/// last safety net. The channel is "cg_" plus the schema, so gateways in two schemas of one database never wake each other.</remarks>
internal sealed partial class PostgresChangeListener : IAsyncDisposable
{
    /// <summary>The channel's name as SQL, evaluated in the notifying session.</summary>
    public const string ChannelOfSchema = "'cg_' || current_schema()";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly PostgresDialect _dialect;
    private readonly NpgsqlDataSource _sessions;
    private readonly StoreSignals _signals;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public PostgresChangeListener(PostgresDialect dialect, StoreSignals signals, ILogger logger)
    {
        _dialect = dialect;
        _sessions = dialect.CreateSessionSource("listener");
        _signals = signals;
        _logger = logger;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Completes once the session is listening (tests wait for it before committing through another replica).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The listening session's backend process while there is one (tests end it with pg_terminate_backend).</summary>
    internal int? SessionProcessId { get; private set; }

    /// <summary>How many sessions have listened so far (1 after the start, one more after every reconnect).</summary>
    internal int Sessions => Volatile.Read(ref _sessionsListened);

    private int _sessionsListened;

    private async Task RunAsync()
    {
        var stop = _stopping.Token;
        var retry = FirstRetry;
        var down = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var session = await _sessions.OpenConnectionAsync(stop);
                session.Notification += OnNotification;
                await using (var listen = session.CreateCommand())
                {
                    listen.CommandText = $"SELECT {ChannelOfSchema}";
                    var channel = (string)(await listen.ExecuteScalarAsync(stop))!;
                    listen.CommandText = $"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                    await listen.ExecuteNonQueryAsync(stop);
                }

                SessionProcessId = session.ProcessID;
                Interlocked.Increment(ref _sessionsListened);
                PulseAll();
                _listening.TrySetResult();
                if (down)
                {
                    LogListeningAgain(_logger, _dialect.Description);
                    down = false;
                }

                retry = FirstRetry;
                await HoldAsync(session, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                if (!down)
                {
                    LogListenerDown(_logger, _dialect.Description, e is PostgresException p ? p.SqlState : e.GetType().Name);
                    down = true;
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            // Down: look anyway at every retry, as a poll would.
            PulseAll();
            try
            {
                await Task.Delay(retry, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    /// <summary>Waits for notifications; a silent server is caught by a query now and then (a dead one fails it).</summary>
    private static async Task HoldAsync(NpgsqlConnection session, CancellationToken stop)
    {
        while (true)
        {
            if (!await session.WaitAsync(Heartbeat, stop))
            {
                await using var ping = session.CreateCommand();
                ping.CommandText = "SELECT 1";
                ping.CommandTimeout = (int)Heartbeat.TotalSeconds;
                await ping.ExecuteNonQueryAsync(stop);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // This replica's own writer already pulsed its signals after its COMMIT.
        if (e.PID == _dialect.WriterProcessId)
        {
            return;
        }

        var what = e.Payload;
        if (what.Contains('o', StringComparison.Ordinal))
        {
            _signals.Outbox.Pulse();
        }

        if (what.Contains('i', StringComparison.Ordinal))
        {
            _signals.Inbox.Pulse();
        }

        if (what.Contains('h', StringComparison.Ordinal))
        {
            _signals.Changes.Pulse();
        }
    }

    private void PulseAll()
    {
        _signals.Outbox.Pulse();
        _signals.Inbox.Pulse();
        _signals.Changes.Pulse();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
        await _sessions.DisposeAsync();
    }

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning,
        Message = "Change listener on {Database} lost its session ({Cause}); other replicas' commits are polled for until it is back")]
    private static partial void LogListenerDown(ILogger logger, string database, string cause);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Information, Message = "Change listener on {Database} is listening again")]
    private static partial void LogListeningAgain(ILogger logger, string database);
}
