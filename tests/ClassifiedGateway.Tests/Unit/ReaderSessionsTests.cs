using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>Kept read sessions: a session goes back to be used again (with its prepared statements), a session whose read failed
/// is closed, and no more than the dialect's number are kept.</summary>
public sealed class ReaderSessionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteDialect _dialect;

    public ReaderSessionsTests()
    {
        _dialect = new SqliteDialect(Path.Combine(_folder, "r.db"));
    }

    [Fact]
    public async Task A_session_is_kept_after_a_read_and_closed_after_a_failed_one()
    {
        await using var sessions = new ReaderSessions(_dialect);
        Assert.Equal(0, sessions.Kept);

        Assert.Equal([1L], await QueryAsync(sessions, "SELECT 1"));
        Assert.Equal(1, sessions.Kept);
        Assert.Equal([2L], await QueryAsync(sessions, "SELECT 2"));
        Assert.Equal(1, sessions.Kept);

        await Assert.ThrowsAsync<SqliteException>(() => QueryAsync(sessions, "SELECT no_such_function()"));
        Assert.Equal(0, sessions.Kept);
        Assert.Equal([1L], await QueryAsync(sessions, "SELECT 1"));
    }

    [Fact]
    public async Task Reads_at_once_each_get_a_session_and_no_more_than_the_dialects_number_are_kept()
    {
        var sessions = new ReaderSessions(_dialect);
        const int reads = 12;
        using var together = new CountdownEvent(reads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        // Each read holds its session until all twelve are open at once (a read on SQLite runs on its caller's thread).
        var threads = Enumerable.Range(0, reads).Select(_ => new Thread(() =>
        {
            try
            {
                HoldUntilAllAreOpenAsync(sessions, together).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.True(together.IsSet);
        Assert.Equal(_dialect.ReaderSessionsKept, sessions.Kept);
        await sessions.DisposeAsync();
        Assert.Equal(0, sessions.Kept);
    }

    private static async Task<List<long>> QueryAsync(ReaderSessions sessions, string sql)
    {
        await using var session = await sessions.RentAsync(CancellationToken.None);
        return await session.QueryAsync(sql, [], r => r.GetInt64(0), CancellationToken.None);
    }

    private static async Task HoldUntilAllAreOpenAsync(ReaderSessions sessions, CountdownEvent together)
    {
        await using var session = await sessions.RentAsync(CancellationToken.None);
        await session.QueryAsync("SELECT 1", [], r =>
        {
            together.Signal();
            return together.Wait(TimeSpan.FromSeconds(30)) ? 1L : throw new TimeoutException("the reads did not all open a session");
        }, CancellationToken.None);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
