using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The inbound path's first step: relayed notices stored in order, each in its own savepoint, one receipt each.</summary>
internal sealed partial class SqlGatewayStore
{
    public Task<IReadOnlyList<Receipt>> StoreRelayedAsync(IReadOnlyList<RelayedCommand> notices, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<IReadOnlyList<Receipt>>(scope =>
        {
            var batch = RelayedBatch.Read(scope, _dialect, notices);
            var receipts = new List<Receipt>(notices.Count);
            for (var i = 0; i < notices.Count; i++)
            {
                receipts.Add(StoreIsolated(scope, notices[i], at, batch));
            }

            batch.WriteCounters(scope);
            return receipts;
        }, cancellationToken);

    /// <summary>Each notice in its own savepoint: one whose rules or insert throw is refused alone, with the reason in its
    /// receipt, and the rest of the batch goes on in order. Storage full is not the notice's fault: it fails the batch (retryable).</summary>
    private Receipt StoreIsolated(WriteScope scope, RelayedCommand notice, DateTimeOffset at, RelayedBatch batch)
    {
        var before = batch.Mark();
        scope.Savepoint("relayed");
        try
        {
            var receipt = StoreOne(scope, notice, at, batch);
            scope.Release("relayed");
            return receipt;
        }
        catch (Exception e) when (!IsStorageFull(e))
        {
            scope.RollbackTo("relayed");
            scope.Release("relayed");
            batch.RollBackTo(before);
            LogPoisonNotice(_logger, SafeText.Bounded(notice.Envelope?.Id, 200), e.GetType().Name);
            return StorePoisoned(scope, notice, at, batch);
        }
    }

    /// <summary>Keeps a poison notice as refused (so a retry gets the same receipt); when even that fails, refuses it unstored.</summary>
    private Receipt StorePoisoned(WriteScope scope, RelayedCommand notice, DateTimeOffset at, RelayedBatch batch)
    {
        var digest = Digests.Sha256(notice.EnvelopeBytes);
        var refusal = new Refusal
        {
            RuleId = "PROCESSING_FAILED",
            Message = "The receiving node could not process this notice (its checks failed unexpectedly); it is not stored for delivery.",
        };
        var receipt = Refused(notice.Envelope?.Id ?? "", digest, at, refusal);
        if (notice.Envelope is not { Id.Length: > 0 } envelope || notice.Sequence <= batch.LastSequence)
        {
            return receipt;
        }

        var before = batch.Mark();
        scope.Savepoint("poisoned");
        try
        {
            var bytes = receipt.ToByteArray();
            InsertMessage(scope, new NewMessage(envelope, notice.EnvelopeBytes, digest, notice.Kind, Direction.Inbound, Stage.Refused, at, refusal,
                bytes, notice.Sequence));
            AppendHistory(scope, MessageKeys.Of(envelope), Stage.Refused, at, "refused on arrival: processing failed", refusal, storedDigest: digest);
            batch.LastSequence = notice.Sequence;
            batch.Stored(envelope, new ExistingMessage(digest, Stage.Refused, Times.AsStored(at), refusal, bytes));
            scope.Release("poisoned");
        }
        catch (Exception e) when (!IsStorageFull(e))
        {
            scope.RollbackTo("poisoned");
            scope.Release("poisoned");
            batch.RollBackTo(before);
        }

        return receipt;
    }

    /// <summary>Storage full or the database unavailable: not the notice's fault, so the batch fails (retryable) instead of refusing it.</summary>
    private bool IsStorageFull(Exception e) => e is StorageFullException or StoreUnavailableException
        || (_dialect as IStoreErrors) is { } errors && (errors.IsStorageFull(e) || errors.IsUnavailable(e));

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Relayed notice {MessageId} could not be processed ({ErrorType}); refused alone, the batch goes on")]
    private static partial void LogPoisonNotice(ILogger logger, string messageId, string errorType);

    private Receipt StoreOne(WriteScope scope, RelayedCommand notice, DateTimeOffset at, RelayedBatch batch)
    {
        var digest = Digests.Sha256(notice.EnvelopeBytes);
        var id = notice.Envelope?.Id ?? "";
        if (notice.Rejection is { } rejection)
        {
            return Refused(id, digest, at, rejection);
        }

        if (notice.Envelope is null || id.Length == 0)
        {
            return Refused(id, digest, at, new Refusal { RuleId = "ENVELOPE_UNREADABLE", Message = "The relayed envelope could not be read.", Fields = { "envelope" } });
        }

        // Dedup by the sender's own id (sender_party is the peer's): this Party's use of the same id is another message.
        var key = MessageKeys.Of(notice.Envelope);
        if (batch.Existing(notice.Envelope) is { } existing)
        {
            // A retry of what we already answered gets the very same receipt.
            return existing.Digest.AsSpan().SequenceEqual(digest) && existing.Receipt is { } first
                ? Receipt.Parser.ParseFrom(first)
                : Refused(id, digest, at, new Refusal { RuleId = "ID_CONFLICT", Message = $"Message id '{id}' is already stored with different content.", Fields = { "envelope.id" } });
        }

        if (notice.Sequence <= batch.LastSequence)
        {
            return Refused(id, digest, at, new Refusal
            {
                RuleId = "RELAY_ORDER",
                Message = $"Relay sequence {notice.Sequence} is not after the last applied {batch.LastSequence}; the sender's acceptance order must be kept.",
            });
        }

        batch.LastSequence = notice.Sequence;
        _faults?.BeforeAdmission(id);
        var ledger = new SqlLedger(scope);
        var admission = notice.Admit(ledger);
        var receipt = admission.Refusal is null
            ? new Receipt { MessageId = id, Status = ReceiptStatus.Stored, StoredAt = Times.ToTimestamp(at), EnvelopeDigest = ByteString.CopyFrom(digest) }
            : Refused(id, digest, at, admission.Refusal);
        var stored = admission.Refusal is null;
        var requestKey = stored ? RequestKeyOf(ledger, notice.Envelope) : null;
        var receiptBytes = receipt.ToByteArray();
        InsertMessage(scope, new NewMessage(notice.Envelope, notice.EnvelopeBytes, digest, notice.Kind, Direction.Inbound,
            stored ? Stage.Relayed : Stage.Refused, at, admission.Refusal, receiptBytes, notice.Sequence,
            stored ? ++batch.LastCursor : null, requestKey, stored ? FlagsOf(admission) : null,
            // The sender's signature (or its batch's, with the proof) is the receiving Party's proof of what it was sent.
            notice.Signature, Times.ToUnixMs(notice.SenderAcceptedAt), notice.Proof));
        batch.Stored(notice.Envelope, new ExistingMessage(digest, stored ? Stage.Relayed : Stage.Refused, Times.AsStored(at), admission.Refusal, receiptBytes));
        if (stored)
        {
            AppendHistory(scope, key, Stage.Relayed, at, "received from the other node", storedDigest: digest);
            RecordAdmission(scope, notice.Envelope, requestKey, admission, Stage.Relayed, at);
            MarkAnswered(scope, notice.Envelope, requestKey, at);
            scope.InboxChanged = true;
        }
        else
        {
            AppendHistory(scope, key, Stage.Refused, at, "refused on arrival", admission.Refusal, storedDigest: digest);
        }

        return receipt;
    }

    private static Receipt Refused(string id, byte[] digest, DateTimeOffset at, Refusal refusal) => new()
    {
        MessageId = id,
        Status = ReceiptStatus.Refused,
        StoredAt = Times.ToTimestamp(at),
        EnvelopeDigest = ByteString.CopyFrom(digest),
        Refusal = refusal,
    };
}
