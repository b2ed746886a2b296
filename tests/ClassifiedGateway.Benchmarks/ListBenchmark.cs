using System.Diagnostics;
using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClassifiedGateway.Benchmarks;

/// <summary>The operators' list with N stored messages (100,000 unless <c>--messages</c> says otherwise, up to 10⁶ and beyond):
/// each query shape timed over 20 runs, then the console's and the metrics' counts (<see cref="CountReadsBenchmark"/>).</summary>
internal static class ListBenchmark
{
    public const int DefaultMessages = 100_000;
    private static readonly string[] Kinds = ["ConsultationRequest", "TransferNotice", "BreachNotification", "VisitRequest"];

    public static async Task RunAsync(int messages)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cg-bench", Guid.NewGuid().ToString("N"));
        var dialect = new SqliteDialect(Path.Combine(directory, "list.db"));
        var store = new SqlGatewayStore(dialect, 256, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var start = DateTimeOffset.Parse("2027-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var fill = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var at = start.AddSeconds(i * 30);
                var envelope = Sample(i, at);
                // One message in ten owes something that is already overdue, so the "overdue only" filter has work.
                var obligations = i % 10 == 0
                    ? new[] { new ObligationPlan("RECEIPT_CONFIRMATION_DUE", "Art. 5.4", "Receipt confirmation due", true, Party.Tm, "tm-ab-1", at.AddDays(1), Envelope.NoticeOneofCase.ReceiptConfirmation) }
                    : [];
                await store.SubmitAsync(new SubmitCommand(envelope, envelope.ToByteArray(), Kinds[i % Kinds.Length], at, _ => new Admission(null, [], obligations)), CancellationToken.None);
            }
        }));
        await store.MarkOverdueAsync(start.AddYears(10), CancellationToken.None);
        Console.WriteLine($"stored {messages} messages in {fill.Elapsed.TotalSeconds:0.0} s ({new FileInfo(Path.Combine(directory, "list.db")).Length / (1024 * 1024)} MB)");

        var midpoint = start.AddSeconds(messages / 2 * 30);
        var cases = new (string Name, MessageQuery Query)[]
        {
            ("newest page", new(null, null, null, null, 50, null)),
            (messages >= 100_000 ? "page 1000 deep (keyset)" : "middle page (keyset)", new(null, null, null, null, 50, messages - Math.Min(50_000L, messages / 2))),
            ("kind = TransferNotice", new("TransferNotice", null, null, null, 50, null)),
            ("stage = Accepted, outbound", new(null, Stage.Accepted, Direction.Outbound, null, 50, null)),
            ("body = kz-ab-3", new(null, null, null, "kz-ab-3", 50, null)),
            ("overdue only", new(null, null, null, null, 50, null, OverdueOnly: true)),
            ("one day in the middle", new(null, null, null, null, 50, null, false, midpoint, midpoint.AddDays(1))),
            ("overdue, kind, date range", new("ConsultationRequest", null, null, null, 50, null, true, start, midpoint)),
            ("search: an id", new(null, null, null, null, 50, null, Search: new MessageSearch("m-0050000", [], []))),
            ("search: an unknown id", new(null, null, null, null, 50, null, Search: new MessageSearch("no-such-id", [], []))),
            ("search: 'Transfer' (a kind)", new(null, null, null, null, 50, null, Search: new MessageSearch("Transfer", ["TransferNotice"], []))),
            ("search: 'ab-3' (two bodies)", new(null, null, null, null, 50, null, Search: new MessageSearch("ab-3", [], ["kz-ab-3", "tm-ab-3"]))),
            ("kind contains 'Notif' (2 kinds)", new(null, null, null, null, 50, null, KindIn: ["BreachNotification", "TransferNotice"])),
        };
        Console.WriteLine($"{"query",-30} {"rows",5} {"median ms",10} {"max ms",8}");
        foreach (var (name, query) in cases)
        {
            var times = new List<double>();
            var rows = 0;
            for (var run = 0; run < 20; run++)
            {
                var clock = Stopwatch.StartNew();
                var page = await store.ListMessagesAsync(query, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                rows = page.Messages.Count;
            }

            times.Sort();
            Console.WriteLine($"{name,-30} {rows,5} {times[times.Count / 2],10:0.00} {times[^1],8:0.00}");
        }

        await CountReadsBenchmark.RunAsync(store, dialect);
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static Envelope Sample(int i, DateTimeOffset at) => new()
    {
        Id = $"m-{i:D7}",
        SenderParty = Party.Kz,
        SenderBody = $"kz-ab-{i % 7}",
        ReceiverParty = Party.Tm,
        ReceiverBody = $"tm-ab-{i % 5}",
        CreatedAt = Timestamp.FromDateTimeOffset(at),
        Level = ClassificationLevel.Secret,
        ConsultationRequest = new ConsultationRequest { Subject = "Benchmark" },
    };
}
