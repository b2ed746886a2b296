using System.Diagnostics;
using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ClassifiedGateway.Benchmarks;
using Microsoft.Extensions.Logging.Abstractions;

// Bounded benchmarks of the real store (SQLite, WAL, synchronous=FULL, group commit):
//   submit [callers...]  durable submits per second at several numbers of concurrent callers;
//   list [--messages N]  the operators' list (one page of 50) with N messages stored (default 100,000; 1000000 for 10⁶);
//   e2e [options]        two real node processes end to end (E2e/E2eOptions.cs lists the options);
//   lifecycle [N]        N notices through both stores to ACKNOWLEDGED: statements and fsyncs per notice per node.
if (args.FirstOrDefault() == "e2e")
{
    Environment.ExitCode = await ClassifiedGateway.Benchmarks.E2e.E2eBenchmark.RunAsync(args[1..]);
    return;
}

if (args.FirstOrDefault() == "list")
{
    var messages = args.Length == 3 && args[1] == "--messages" ? int.Parse(args[2], CultureInfo.InvariantCulture) : ListBenchmark.DefaultMessages;
    await ListBenchmark.RunAsync(messages);
    return;
}

if (args.FirstOrDefault() == "lifecycle")
{
    await LifecycleBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000);
    return;
}

const int PerLevel = 20_000;
var levels = args.Skip(args.FirstOrDefault() == "submit" ? 1 : 0).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() is { Length: > 0 } given ? given : [1, 16, 64, 256];
Console.WriteLine($"{"callers",8} {"submits",8} {"seconds",8} {"submits/s",10} {"commits",8} {"per fsync",9} {"stmts/op",8} {"cpu us/op",9}");
foreach (var callers in levels)
{
    var directory = Path.Combine(Path.GetTempPath(), "cg-bench", Guid.NewGuid().ToString("N"));
    var store = new SqlGatewayStore(new SqliteDialect(Path.Combine(directory, "bench.db")), 256, TimeProvider.System, NullLogger<SqlGatewayStore>.Instance);
    await store.InitializeAsync(CancellationToken.None);
    var count = callers == 1 ? PerLevel / 10 : PerLevel;
    var before = store.Committed;
    var statementsBefore = store.Counters.WriteStatements;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var envelope = Sample($"bench-{i:D7}");
            await store.SubmitAsync(new SubmitCommand(envelope, envelope.ToByteArray(), "ConsultationRequest", TimeProvider.System.GetUtcNow(),
                _ => Admission.Admit), CancellationToken.None);
        }
    }));
    clock.Stop();
    var commits = store.Committed.Transactions - before.Transactions;
    var statements = (double)(store.Counters.WriteStatements - statementsBefore) / count;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / count;
    Console.WriteLine($"{callers,8} {count,8} {clock.Elapsed.TotalSeconds,8:0.00} {count / clock.Elapsed.TotalSeconds,10:0} {commits,8} {(double)count / commits,9:0.0} {statements,8:0.0} {cpu,9:0}");
    await store.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static Envelope Sample(string id) => new()
{
    Id = id,
    SenderParty = Party.Kz,
    SenderBody = "kz-knb",
    ReceiverParty = Party.Tm,
    ReceiverBody = "tm-mns",
    CreatedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
    ConsultationRequest = new ConsultationRequest { Subject = "Benchmark" },
};
