using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A SQLite store in a folder of its own under the temp directory, removed with everything in it when disposed.</summary>
internal sealed class TempSqliteStore : IAsyncDisposable
{
    private SqlGatewayStore? _store;

    public TempSqliteStore()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    /// <summary>The database file (it exists once <see cref="OpenAsync"/> ran; a test may also prepare it by hand first).</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cg-tests", Guid.NewGuid().ToString("N"), "s.db");

    /// <summary>Opens the store (migrations applied); one per instance.</summary>
    public async Task<SqlGatewayStore> OpenAsync()
    {
        _store = new SqlGatewayStore(new SqliteDialect(Path), 64, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
        return _store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
