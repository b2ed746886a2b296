using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>One run: a fresh KZ–TM pair, a primed pipeline, N callers for a bounded time and count, the drain, and the
/// verification that every accepted notice reached ACKNOWLEDGED at KZ.</summary>
internal static class E2eRun
{
    public static async Task<E2eResult> RunAsync(E2eOptions options, ILoadMode mode, int callers, bool traceFsyncs)
    {
        var traces = new Dictionary<string, FsyncTrace>();
        await using var nodes = await E2eNodes.StartAsync(options, node =>
        {
            // Capacity, not policy, is measured: the per-identity call limit (500/s by default) would cap a Party's one
            // system below its node (issue 10), so the benchmark lifts it.
            node.Extra["Gateway:Limits:CallsPerSecondPerIdentity"] = "1000000";
            node.Extra["Gateway:Limits:BurstPerIdentity"] = "1000000";
            node.Extra["Gateway:Limits:ItemsPerSecondPerIdentity"] = "10000000";
            node.Extra["Gateway:Limits:ItemBurstPerIdentity"] = "10000000";
            if (traceFsyncs)
            {
                var trace = new FsyncTrace(Path.Combine(node.DataDirectory, $"{node.Name}.fsyncs"));
                traces[node.Name] = trace;
                node.Wrapper.AddRange(trace.Wrapper());
            }

            if (options.NodeEnvironment.Count > 0)
            {
                node.Wrapper.AddRange(["env", .. options.NodeEnvironment.Select(v => v.Replace("{node}", node.Name, StringComparison.Ordinal))]);
            }
        });
        var kzNode = nodes.Kz[0];
        var kz = nodes.Kz.Select(n => new NodeProbe(n, traces.GetValueOrDefault(n.Settings.Name))).ToList();
        var tm = nodes.Tm.Select(n => new NodeProbe(n, traces.GetValueOrDefault(n.Settings.Name))).ToList();
        var server = options.Engine == "postgres" ? new PostgresServerProbe(options.Postgres!) : null;
        // With replicas, the receiving system reads from TM's last one: what another replica stored must reach it.
        await using var receiver = mode.StartReceiver(nodes.Tm[^1], options);

        if (options.Prime > 0)
        {
            var prime = new LoadRecorder(options.Prime);
            await mode.SubmitAsync(nodes.Kz, Math.Min(callers, 16), "prime", prime, CancellationToken.None);
            await DrainAsync(kzNode, options.Prime, options.Drain);
        }

        var outboundBefore = await OutboundCountAsync(kzNode);
        var (kzBefore, tmBefore) = (await SnapshotsAsync(kz), await SnapshotsAsync(tm));
        var serverBefore = server is null ? null : await server.SnapshotAsync();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var recorder = new LoadRecorder(options.MaxNotices);
        var loadStart = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource(options.Duration))
        {
            await mode.SubmitAsync(nodes.Kz, callers, "run", recorder, stop.Token);
        }

        var loadSeconds = clock.Elapsed.TotalSeconds;
        var loadEnd = loadStart + clock.Elapsed;
        var drained = await DrainAsync(kzNode, outboundBefore + recorder.Accepted.Count, options.Drain);
        var drainSeconds = clock.Elapsed.TotalSeconds - loadSeconds;
        var (kzAfter, tmAfter) = (await SnapshotsAsync(kz), await SnapshotsAsync(tm));
        var serverAfter = server is null ? null : await server.SnapshotAsync();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;

        var acknowledged = await AcknowledgedAtKzAsync(kzNode);
        var missing = recorder.Accepted.Keys.Count(id => !acknowledged.ContainsKey(id));
        var endToEnd = recorder.Accepted
            .Where(a => acknowledged.ContainsKey(a.Key))
            .Select(a => acknowledged[a.Key] - a.Value.At)
            .ToList();
        // Completion rate: the run's notices over the time from the first submit to the last ACKNOWLEDGED recorded at KZ.
        var lastAcknowledged = recorder.Accepted.Keys.Select(id => acknowledged.GetValueOrDefault(id)).DefaultIfEmpty(loadEnd).Max();
        var completionSeconds = Math.Max(loadSeconds, (lastAcknowledged - loadStart).TotalSeconds);
        return new E2eResult(
            callers, recorder.Accepted.Count, recorder.Failed, missing, drained, loadSeconds, drainSeconds,
            (recorder.Accepted.Count - missing) / completionSeconds, recorder.Accepted.Count / loadSeconds,
            Percentiles.Of(recorder.Accepted.Values.Select(a => a.ToAccepted)), Percentiles.Of(endToEnd),
            Cost(kz, kzBefore, kzAfter, recorder.Accepted.Count),
            Cost(tm, tmBefore, tmAfter, recorder.Accepted.Count),
            clientCpu.TotalMicroseconds / Math.Max(1, recorder.Accepted.Count),
            serverBefore is null ? null : ServerCost.Between(serverBefore, serverAfter!, recorder.Accepted.Count));
    }

    private static async Task<NodeSnapshot[]> SnapshotsAsync(IReadOnlyList<NodeProbe> replicas) =>
        await Task.WhenAll(replicas.Select(r => r.SnapshotAsync()));

    /// <summary>A Party's cost per notice: its replicas' together.</summary>
    private static NodeCost Cost(IReadOnlyList<NodeProbe> replicas, NodeSnapshot[] before, NodeSnapshot[] after, int notices) =>
        NodeCost.Replicas([.. replicas.Select((r, i) => NodeCost.Between(before[i], after[i], notices, r.PeakRssBytes()))]);

    /// <summary>Waits (bounded) until KZ holds <paramref name="expected"/> outbound notices at ACKNOWLEDGED.</summary>
    private static async Task<bool> DrainAsync(NodeProcess kz, long expected, TimeSpan limit)
    {
        try
        {
            await Eventually.TrueAsync(async () => await AcknowledgedCountAsync(kz) >= expected, limit, () => "drain");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<long> AcknowledgedCountAsync(NodeProcess kz) =>
        (await kz.Operator.CountByStageAsync(new CountByStageRequest())).Counts
            .Where(c => c.Direction == Direction.Outbound && c.Stage == Stage.Acknowledged).Sum(c => c.Count);

    private static async Task<long> OutboundCountAsync(NodeProcess kz) =>
        (await kz.Operator.CountByStageAsync(new CountByStageRequest())).Counts.Where(c => c.Direction == Direction.Outbound).Sum(c => c.Count);

    /// <summary>Every outbound notice KZ holds at ACKNOWLEDGED, with the moment KZ recorded it (its own clock).</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> AcknowledgedAtKzAsync(NodeProcess kz)
    {
        var acknowledged = new Dictionary<string, DateTimeOffset>();
        var token = "";
        do
        {
            var page = await kz.Operator.ListMessagesAsync(new ListMessagesRequest
            {
                Direction = Direction.Outbound,
                Stage = Stage.Acknowledged,
                PageSize = 500,
                PageToken = token,
            });
            foreach (var message in page.Messages)
            {
                acknowledged[message.Envelope.Id] = message.StageAt.ToDateTimeOffset();
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return acknowledged;
    }
}
