using System.Data.Common;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>An engine's dialect that knows its migrations only up to a version: a store as an older release left it.</summary>
internal sealed class VersionCappedDialect(ISqlDialect inner, int upToVersion) : ISqlDialect
{
    public DbConnection OpenWriter() => inner.OpenWriter();

    public Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) => inner.OpenReaderAsync(cancellationToken);

    public string? WriterBatchPrologue => inner.WriterBatchPrologue;

    public string? ChangeNotice => inner.ChangeNotice;

    public IAsyncDisposable? ListenForChanges(StoreSignals signals, ILogger logger) => inner.ListenForChanges(signals, logger);

    public string Description => inner.Description;

    public IReadOnlyList<(int Version, string Sql)> Migrations => [.. inner.Migrations.Where(m => m.Version <= upToVersion)];
}
