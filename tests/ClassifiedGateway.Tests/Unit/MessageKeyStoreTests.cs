using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The store keys a message by (sender_party, sender_body, id); rows stored before migration 6 keep their bare id.</summary>
public sealed class MessageKeyStoreTests : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new();
    private readonly DateTimeOffset _now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public async Task The_same_id_from_two_senders_is_two_messages_and_a_retry_by_one_is_its_duplicate()
    {
        var store = await OpenAsync();
        var kz = Notices.Consultation("same-1", Party.Kz, _now);
        var ab = Notices.Envelope("same-1", Party.Kz, _now, Case.ContractRegistration);
        ab.SenderBody = Notices.KzAuthorizedBody;

        Assert.False((await SubmitAsync(store, kz)).Duplicate);
        Assert.False((await SubmitAsync(store, ab)).Duplicate);
        Assert.True((await SubmitAsync(store, kz)).Duplicate);
        var changed = kz.Clone();
        changed.CorrelationId = "other";
        await Assert.ThrowsAsync<IdConflictException>(() => SubmitAsync(store, changed));

        var found = await store.FindMessagesAsync(new MessageRef("same-1"), CancellationToken.None);
        Assert.Equal(["KZ/kz-knb/same-1", "KZ/kz-ab-1/same-1"], found.Select(f => f.Key));
        Assert.Equal("KZ/kz-ab-1/same-1", Assert.Single(await store.FindMessagesAsync(new MessageRef("same-1", Party.Kz, Notices.KzAuthorizedBody), CancellationToken.None)).Key);
        Assert.Empty(await store.FindMessagesAsync(new MessageRef("same-1", Party.Tm), CancellationToken.None));
        Assert.Equal(Notices.KzAuthorizedBody, (await store.GetMessageAsync("KZ/kz-ab-1/same-1", CancellationToken.None))!.Envelope.SenderBody);
    }

    [Fact]
    public async Task A_row_stored_before_migration_6_keeps_its_bare_id_as_key_and_a_retry_of_it_is_still_a_duplicate()
    {
        var legacy = Notices.Consultation("legacy-1", Party.Kz, _now);
        var bytes = legacy.ToByteArray();
        using (var connection = new SqliteConnection($"Data Source={_temp.Path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            foreach (var (version, sql) in SqliteMigrations.All.Where(m => m.Version <= 5))
            {
                Execute(connection, sql);
                Execute(connection, $"INSERT INTO schema_version (version, applied_at) VALUES ({version}, 0)");
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO messages (id, direction, kind, sender_party, sender_body, receiver_party, receiver_body, level, created_at, accepted_at,
                    stage, stage_at, digest, envelope)
                VALUES ('legacy-1', 1, 'ConsultationRequest', 1, 'kz-knb', 2, 'tm-mns', 0, 0, 0, 2, 0, $digest, $envelope);
                INSERT INTO history (message_id, stage, at) VALUES ('legacy-1', 2, 0);
                """;
            insert.Parameters.AddWithValue("$digest", Digests.Sha256(bytes));
            insert.Parameters.AddWithValue("$envelope", bytes);
            insert.ExecuteNonQuery();
        }

        var store = await OpenAsync();

        var found = Assert.Single(await store.FindMessagesAsync(new MessageRef("legacy-1"), CancellationToken.None));
        Assert.Equal("legacy-1", found.Key);
        Assert.Single((await store.GetMessageAsync("legacy-1", CancellationToken.None))!.History);
        Assert.True((await SubmitAsync(store, legacy)).Duplicate);
        Assert.False((await SubmitAsync(store, Notices.Consultation("legacy-1", Party.Tm, _now))).Duplicate);
    }

    private Task<SqlGatewayStore> OpenAsync() => _temp.OpenAsync();

    private Task<SubmitOutcome> SubmitAsync(SqlGatewayStore store, Envelope e) =>
        store.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), NoticeKinds.Of(e).Name, _now, _ => new Admission(null, [], [])), CancellationToken.None);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
