using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>Holds a group-commit writer inside one operation, so that the writes queued meanwhile form the next batch together.</summary>
internal sealed class WriterHold : IDisposable
{
    private readonly ManualResetEventSlim _gate = new();

    private WriterHold()
    {
    }

    /// <summary>The holding operation: it finishes (with <c>work</c>'s result) once <see cref="Release"/> is called.</summary>
    public Task<int> Held { get; private set; } = Task.FromResult(0);

    /// <summary>Returns once the writer is inside the holding operation (its batch is taken; later writes queue behind it).</summary>
    public static async Task<WriterHold> StartAsync(GroupCommitWriter writer, TimeSpan deadline, Func<WriteScope, int>? work = null)
    {
        var hold = new WriterHold();
        using var entered = new SemaphoreSlim(0);
        hold.Held = writer.ExecuteAsync(s =>
        {
            entered.Release();
            hold._gate.Wait(deadline);
            return work?.Invoke(s) ?? 0;
        }, CancellationToken.None);
        Assert.True(await entered.WaitAsync(deadline), "the writer entered the holding operation");
        return hold;
    }

    /// <summary>Lets the holding operation finish; the writes queued meanwhile then run as one batch.</summary>
    public Task<int> Release()
    {
        _gate.Set();
        return Held;
    }

    public void Dispose() => _gate.Dispose();
}
