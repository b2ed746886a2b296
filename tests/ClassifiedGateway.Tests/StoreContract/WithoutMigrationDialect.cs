using System.Data.Common;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>An engine's dialect without one of its migrations: a store as a release before that migration left it.</summary>
internal sealed class WithoutMigrationDialect(ISqlDialect inner, int version) : ISqlDialect
{
    public DbConnection OpenWriter() => inner.OpenWriter();

    public Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) => inner.OpenReaderAsync(cancellationToken);

    public int ReaderSessionsKept => inner.ReaderSessionsKept;

    public string? WriterBatchPrologue => inner.WriterBatchPrologue;

    public string? ChangeNotice => inner.ChangeNotice;

    public IAsyncDisposable? ListenForChanges(StoreSignals signals, ILogger logger) => inner.ListenForChanges(signals, logger);

    public IAsyncDisposable? KeepStatistics(TimeProvider time, ILogger logger) => inner.KeepStatistics(time, logger);

    public string Description => inner.Description;

    public string InList(string column, string parameter) => inner.InList(column, parameter);

    public object ListOf(IReadOnlyCollection<string> values) => inner.ListOf(values);

    public object ListOf(IReadOnlyCollection<long> values) => inner.ListOf(values);

    public IReadOnlyList<(int Version, string Sql)> Migrations => [.. inner.Migrations.Where(m => m.Version != version)];
}
