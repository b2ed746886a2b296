using System.Diagnostics;
using System.Reflection;
using ClassifiedGateway.Contracts.V1;
using Microsoft.Data.Sqlite;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Faults for the store tests: changing stored envelopes in a stopped node's file, commands to a running node's fault
/// injector (Gateway:Faults, Development only), and the verify-store verb.</summary>
internal static class StoreFaults
{
    public static void EnableFaults(NodeSettings node) => node.Extra["Gateway:Faults:Enabled"] = "true";

    /// <summary>Writes fault commands for the node and waits until it has applied them (it deletes the file).</summary>
    public static async Task InjectAsync(NodeSettings node, params string[] commands)
    {
        var path = node.DatabasePath + ".faults";
        var staging = path + ".tmp";
        await File.WriteAllLinesAsync(staging, commands);
        File.Move(staging, path, overwrite: true);
        await Eventually.TrueAsync(() => Task.FromResult(!File.Exists(path)), TimeSpan.FromSeconds(20), () => $"fault file {path} was not applied");
    }

    /// <summary>Changes one letter of a stored envelope (it still parses; only its digest tells).</summary>
    public static void ChangeOneLetter(NodeSettings node, string messageId) => Alter(node, messageId, bytes =>
    {
        var marker = "corr-"u8.ToArray();
        var at = bytes.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "the envelope carries its correlation id");
        bytes[at] = (byte)'C';
    });

    /// <summary>Changes one byte of a stored envelope so that it no longer parses (an invalid field tag first).</summary>
    public static void MakeUnparseable(NodeSettings node, string messageId) => Alter(node, messageId, bytes => bytes[0] = 0xFF);

    private static void Alter(NodeSettings node, string messageId, Action<byte[]> change)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = node.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT envelope FROM messages WHERE id = $id";
        read.Parameters.AddWithValue("$id", messageId);
        var bytes = (byte[])(read.ExecuteScalar() ?? throw new InvalidOperationException($"{messageId} is not stored"));
        change(bytes);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE messages SET envelope = $envelope WHERE id = $id";
        write.Parameters.AddWithValue("$envelope", bytes);
        write.Parameters.AddWithValue("$id", messageId);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    /// <summary>Runs "verify-store --db FILE" with the built binary: exit code and output.</summary>
    public static async Task<(int Code, string Output)> VerifyStoreAsync(string database)
    {
        var gateway = typeof(StoreFaults).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GatewayAssembly").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { gateway, "verify-store", "--db", database })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token) + await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }

    /// <summary>Submits notices one after another (so acceptance order is the list's order), retrying only transient failures.</summary>
    public static async Task SubmitInOrderAsync(NodeProcess node, IEnumerable<string> ids, DateTimeOffset now)
    {
        foreach (var id in ids)
        {
            var response = await node.Party.SubmitAsync(new SubmitRequest { Envelope = Notices.Consultation(id, Party.Kz, now) },
                deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(20));
            Assert.Equal(Stage.Accepted, response.Stage);
        }
    }

    public static async Task<MessageRecord> RecordAsync(NodeProcess node, string id) =>
        (await node.Operator.GetTimelineAsync(new GetTimelineRequest { MessageId = id })).Message;

    public static async Task<Stage> StageAsync(NodeProcess node, string id) => (await RecordAsync(node, id)).Stage;
}
