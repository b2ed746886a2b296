using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>How a Party's systems talk to their nodes in a run: the sending side's callers and the receiving side's
/// acknowledging subscriber. One implementation per <c>--mode</c>.</summary>
internal interface ILoadMode
{
    /// <summary>Starts the receiving system at TM: it takes every delivery and acknowledges it, until disposed.</summary>
    IAsyncDisposable StartReceiver(NodeProcess tm, E2eOptions options);

    /// <summary>Runs <paramref name="callers"/> sending systems at KZ (spread over its replicas, caller i on replica i mod n), each submitting its next notice as soon as the
    /// last one was answered, until <paramref name="stop"/> fires or the recorder's count bound is reached.</summary>
    Task SubmitAsync(IReadOnlyList<NodeProcess> kz, int callers, string runId, LoadRecorder recorder, CancellationToken stop);
}

/// <summary>The modes <c>--mode</c> names.</summary>
internal static class LoadModes
{
    public static ILoadMode Create(string name) => name switch
    {
        "unary" => new UnaryLoad(),
        // A SubmitStream per caller and acknowledgements that ride the subscription; everything else in the run stays.
        "streaming" => new StreamingLoad(),
        _ => throw new ArgumentException($"Unknown mode '{name}' (unary, streaming)."),
    };
}
