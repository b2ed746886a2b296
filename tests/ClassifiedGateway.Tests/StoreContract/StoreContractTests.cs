using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The store's contract: one set of tests, run against every engine (a SQLite file and a real PostgreSQL) by the
/// subclasses. Each test opens a fresh, empty store through the engine's dialect and migrations.</summary>
public abstract partial class StoreContractTests : IAsyncLifetime, IDisposable
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ECDsa _nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private X509Certificate2? _node;
    private ISqlDialect? _dialect;
    private SqlGatewayStore? _store;

    /// <summary>A new, empty database of the engine (its own file or schema).</summary>
    private protected abstract ISqlDialect CreateDialect();

    /// <summary>Removes what <see cref="CreateDialect"/> made.</summary>
    protected abstract Task DropAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        (_dialect as IDisposable)?.Dispose();
        if (_dialect is not null)
        {
            await DropAsync();
        }
    }

    public void Dispose()
    {
        _node?.Dispose();
        _nodeKey.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected ISqlDialect Dialect => _dialect ?? throw new InvalidOperationException("OpenAsync first.");

    /// <summary>The store, migrated. Every test starts here (the PostgreSQL half is skipped here, with its reason, when no server was started).</summary>
    private protected async Task<SqlGatewayStore> OpenAsync(int? withoutMigration = null)
    {
        _dialect = CreateDialect();
        _store = new SqlGatewayStore(withoutMigration is { } v ? new WithoutMigrationDialect(_dialect, v) : _dialect, 64, _time, NullLogger<SqlGatewayStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
        // A second start applies nothing twice.
        await _store.InitializeAsync(CancellationToken.None);
        return _store;
    }

    /// <summary>Stops the store and starts it again on the same database with every migration (an upgrade).</summary>
    private protected async Task<SqlGatewayStore> RestartAsync()
    {
        await _store!.DisposeAsync();
        _store = new SqlGatewayStore(Dialect, 64, _time, NullLogger<SqlGatewayStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
        return _store;
    }

    /// <summary>Runs a statement on the database behind the store's back (a tampered row, a check of what is stored).</summary>
    private protected async Task<object?> RawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Dialect.OpenReaderAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        SqlParameters.Bind(command, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private protected static Task<SubmitOutcome> SubmitAsync(SqlGatewayStore store, Envelope e, Admission? admission = null) =>
        store.SubmitAsync(new SubmitCommand(e, e.ToByteArray(), NoticeKinds.Of(e).Name, Now, _ => admission ?? Admission.Admit), CancellationToken.None);

    private protected static RelayedCommand Relayed(long sequence, Envelope e, Func<ILedger, Admission>? admit = null) =>
        new(sequence, e.ToByteArray(), e, NoticeKinds.Of(e).Name, Now, admit ?? (_ => Admission.Admit), Signature: [1, 2, 3]);

    private protected static Receipt Stored(Envelope e) => new()
    {
        MessageId = e.Id,
        Status = ReceiptStatus.Stored,
        StoredAt = Times.ToTimestamp(Now),
        EnvelopeDigest = ByteString.CopyFrom(Digests.Sha256(e.ToByteArray())),
    };

    private protected static ObligationPlan AnswerDue(Envelope request, TimeSpan within) =>
        new("TEST_ANSWER_DUE", "Art. 6.4", "answer the copy request", true, request.ReceiverParty, request.ReceiverBody, Now + within,
            Envelope.NoticeOneofCase.CopyPermission);

    /// <summary>Signs checkpoints as a node would, with a key made for this test.</summary>
    private protected (Func<long, byte[], long, byte[]> Sign, X509Certificate2 Certificate) NodeSigner()
    {
        _node ??= new CertificateRequest("CN=contract-test-node", _nodeKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));
        var node = _node;
        return ((sequence, hash, atMs) => NodeSignatures.Sign(node, SignedBytes.Checkpoint(sequence, hash, atMs)), node);
    }

    private protected static string Key(Envelope e) => MessageKeys.Of(e);

    private protected static Envelope Kz(string id, Envelope.NoticeOneofCase kind = Envelope.NoticeOneofCase.ConsultationRequest) =>
        Notices.Envelope(id, Party.Kz, Now, kind);

    private protected static Envelope Tm(string id, Envelope.NoticeOneofCase kind = Envelope.NoticeOneofCase.ConsultationRequest, string? inReplyTo = null) =>
        Notices.Envelope(id, Party.Tm, Now, kind, inReplyTo);
}
