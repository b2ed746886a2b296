namespace ClassifiedGateway.Gateway.Storage;

/// <summary>What the store asked of its engine: SQL statements sent on the writer and on readers, and committed write
/// transactions (each one fsync of the log). Read by /metrics and the benchmarks; cheap enough to count every statement.</summary>
/// <remarks>A statement is one command handed to the engine, the writer's own BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO and
/// COMMIT included, so "statements per notice" is what the engine really parsed or ran.</remarks>
public sealed class StoreCounters
{
    private long _writeStatements;
    private long _readStatements;
    private long _commits;

    public long WriteStatements => Interlocked.Read(ref _writeStatements);

    public long ReadStatements => Interlocked.Read(ref _readStatements);

    public long Commits => Interlocked.Read(ref _commits);

    internal void Wrote() => Interlocked.Increment(ref _writeStatements);

    internal void Read() => Interlocked.Increment(ref _readStatements);

    internal void Committed() => Interlocked.Increment(ref _commits);
}
