using System.Diagnostics;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Benchmarks;

/// <summary>A notice's whole life in the two stores, without the network: submit at KZ (16 callers), relay batches of 128
/// into TM, receipts back, delivery and acknowledgement at TM, the status reports back to KZ. Prints statements and commits
/// per notice per node, and the process's CPU per notice (both stores).</summary>
internal static class LifecycleBenchmark
{
    private const int Batch = 128;

    public static async Task RunAsync(int notices)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cg-bench", Guid.NewGuid().ToString("N"));
        var kz = new SqlGatewayStore(new SqliteDialect(Path.Combine(directory, "kz.db")), 256, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        var tm = new SqlGatewayStore(new SqliteDialect(Path.Combine(directory, "tm.db")), 256, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        await kz.InitializeAsync(CancellationToken.None);
        await tm.InitializeAsync(CancellationToken.None);
        var before = (Kz: Snapshot(kz), Tm: Snapshot(tm));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var none = CancellationToken.None;

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < notices)
            {
                var e = Sample($"life-{i:D7}");
                await kz.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), "ConsultationRequest", TimeProvider.System.GetUtcNow(), _ => Admission.Admit), none);
            }
        }));

        long sequence = 0, cursor = 0;
        while ((await kz.ReadOutboxAsync(Batch, none)) is { Count: > 0 } entries)
        {
            var relayed = entries.Select(o => new RelayedCommand(++sequence, o.EnvelopeBytes!, Envelope.Parser.ParseFrom(o.EnvelopeBytes), "ConsultationRequest",
                o.At, _ => Admission.Admit, Signature: [1, 2, 3])).ToList();
            var receipts = await tm.StoreRelayedAsync(relayed, TimeProvider.System.GetUtcNow(), none);
            await kz.RecordReceiptsAsync([.. entries.Zip(receipts, (o, r) => new ReceiptForEntry(o.Sequence, o.Key, r))], TimeProvider.System.GetUtcNow(), none);

            var inbox = await tm.ReadInboxAsync(cursor, null, Batch, none);
            cursor = inbox.Count > 0 ? inbox[^1].Cursor : cursor;
            await tm.MarkDeliveredAsync([.. inbox.Select(m => m.Key)], TimeProvider.System.GetUtcNow(), none);
            await Task.WhenAll(inbox.Select(m => tm.AcknowledgeAsync(m.Key, null, TimeProvider.System.GetUtcNow(), "bench", none)));

            while ((await tm.ReadOutboxAsync(Batch, none)) is { Count: > 0 } statuses)
            {
                await kz.RecordPeerStatusAsync([.. statuses.Select(s => new StatusReport
                {
                    Sequence = s.Sequence, MessageId = s.MessageId, Stage = s.StatusStage, At = Timestamp.FromDateTimeOffset(s.At), ByBody = s.ByBody ?? "", SenderBody = s.SenderBody,
                })], none);
                await tm.CompleteOutboxAsync([.. statuses.Select(s => s.Sequence)], none);
            }
        }

        clock.Stop();
        var spent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / notices;
        Console.WriteLine($"{notices} notices to ACKNOWLEDGED in {clock.Elapsed.TotalSeconds:0.00} s; CPU {spent:0} us per notice (both stores, one process)");
        Console.WriteLine($"{"node",4} {"write stmts/notice",18} {"read stmts/notice",17} {"commits (fsyncs)/notice",23}");
        Print("KZ", before.Kz, Snapshot(kz), notices);
        Print("TM", before.Tm, Snapshot(tm), notices);
        await kz.DisposeAsync();
        await tm.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static (long Write, long Read, long Commits) Snapshot(SqlGatewayStore store) =>
        (store.Counters.WriteStatements, store.Counters.ReadStatements, store.Counters.Commits);

    private static void Print(string node, (long Write, long Read, long Commits) from, (long Write, long Read, long Commits) to, int notices) =>
        Console.WriteLine($"{node,4} {(double)(to.Write - from.Write) / notices,18:0.00} {(double)(to.Read - from.Read) / notices,17:0.00} {(double)(to.Commits - from.Commits) / notices,23:0.00}");

    private static Envelope Sample(string id) => new()
    {
        Id = id,
        SenderParty = Party.Kz,
        SenderBody = "kz-knb",
        ReceiverParty = Party.Tm,
        ReceiverBody = "tm-mns",
        CreatedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
        ConsultationRequest = new ConsultationRequest { Subject = "Benchmark" },
    };
}
