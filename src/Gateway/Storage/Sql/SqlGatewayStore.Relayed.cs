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
            var lastSequence = Convert.ToInt64(scope.Scalar("SELECT value FROM counters WHERE name = 'peer_notice_sequence'"),
                System.Globalization.CultureInfo.InvariantCulture);
            var receipts = new List<Receipt>(notices.Count);
            for (var i = 0; i < notices.Count; i++)
            {
                receipts.Add(StoreIsolated(scope, notices[i], at, ref lastSequence));
            }

            scope.Write("UPDATE counters SET value = @v WHERE name = 'peer_notice_sequence'", ("@v", lastSequence));
            return receipts;
        }, cancellationToken);

    /// <summary>Each notice in its own savepoint: one whose rules or insert throw is refused alone, with the reason in its
    /// receipt, and the rest of the batch goes on in order. Storage full is not the notice's fault: it fails the batch (retryable).</summary>
    private Receipt StoreIsolated(WriteScope scope, RelayedCommand notice, DateTimeOffset at, ref long lastSequence)
    {
        var before = lastSequence;
        scope.Savepoint("relayed");
        try
        {
            var receipt = StoreOne(scope, notice, at, ref lastSequence);
            scope.Release("relayed");
            return receipt;
        }
        catch (Exception e) when (!IsStorageFull(e))
        {
            scope.RollbackTo("relayed");
            scope.Release("relayed");
            lastSequence = before;
            LogPoisonNotice(_logger, SafeText.Bounded(notice.Envelope?.Id, 200), e.GetType().Name);
            return StorePoisoned(scope, notice, at, ref lastSequence);
        }
    }

    /// <summary>Keeps a poison notice as refused (so a retry gets the same receipt); when even that fails, refuses it unstored.</summary>
    private Receipt StorePoisoned(WriteScope scope, RelayedCommand notice, DateTimeOffset at, ref long lastSequence)
    {
        var digest = Digests.Sha256(notice.EnvelopeBytes);
        var refusal = new Refusal
        {
            RuleId = "PROCESSING_FAILED",
            Message = "The receiving node could not process this notice (its checks failed unexpectedly); it is not stored for delivery.",
        };
        var receipt = Refused(notice.Envelope?.Id ?? "", digest, at, refusal);
        if (notice.Envelope is not { Id.Length: > 0 } envelope || notice.Sequence <= lastSequence)
        {
            return receipt;
        }

        var before = lastSequence;
        scope.Savepoint("poisoned");
        try
        {
            InsertMessage(scope, new NewMessage(envelope, notice.EnvelopeBytes, digest, notice.Kind, Direction.Inbound, Stage.Refused, at, refusal,
                receipt.ToByteArray(), notice.Sequence));
            AppendHistory(scope, MessageKeys.Of(envelope), Stage.Refused, at, "refused on arrival: processing failed", refusal, storedDigest: digest);
            lastSequence = notice.Sequence;
            scope.Release("poisoned");
        }
        catch (Exception e) when (!IsStorageFull(e))
        {
            scope.RollbackTo("poisoned");
            scope.Release("poisoned");
            lastSequence = before;
        }

        return receipt;
    }

    /// <summary>Storage full or the database unavailable: not the notice's fault, so the batch fails (retryable) instead of refusing it.</summary>
    private bool IsStorageFull(Exception e) => e is StorageFullException or StoreUnavailableException
        || (_dialect as IStoreErrors) is { } errors && (errors.IsStorageFull(e) || errors.IsUnavailable(e));

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Relayed notice {MessageId} could not be processed ({ErrorType}); refused alone, the batch goes on")]
    private static partial void LogPoisonNotice(ILogger logger, string messageId, string errorType);

    private Receipt StoreOne(WriteScope scope, RelayedCommand notice, DateTimeOffset at, ref long lastSequence)
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
        if (FindExisting(scope, notice.Envelope) is { } existing)
        {
            // A retry of what we already answered gets the very same receipt.
            return existing.Digest.AsSpan().SequenceEqual(digest) && existing.Receipt is { } first
                ? Receipt.Parser.ParseFrom(first)
                : Refused(id, digest, at, new Refusal { RuleId = "ID_CONFLICT", Message = $"Message id '{id}' is already stored with different content.", Fields = { "envelope.id" } });
        }

        if (notice.Sequence <= lastSequence)
        {
            return Refused(id, digest, at, new Refusal
            {
                RuleId = "RELAY_ORDER",
                Message = $"Relay sequence {notice.Sequence} is not after the last applied {lastSequence}; the sender's acceptance order must be kept.",
            });
        }

        lastSequence = notice.Sequence;
        _faults?.BeforeAdmission(id);
        var ledger = new SqlLedger(scope);
        var admission = notice.Admit(ledger);
        var receipt = admission.Refusal is null
            ? new Receipt { MessageId = id, Status = ReceiptStatus.Stored, StoredAt = Times.ToTimestamp(at), EnvelopeDigest = ByteString.CopyFrom(digest) }
            : Refused(id, digest, at, admission.Refusal);
        var stored = admission.Refusal is null;
        var requestKey = stored ? RequestKeyOf(ledger, notice.Envelope) : null;
        InsertMessage(scope, new NewMessage(notice.Envelope, notice.EnvelopeBytes, digest, notice.Kind, Direction.Inbound,
            stored ? Stage.Relayed : Stage.Refused, at, admission.Refusal, receipt.ToByteArray(), notice.Sequence,
            stored ? NextCounter(scope, "inbox_cursor") : null, requestKey, stored ? FlagsOf(admission) : null,
            // The sender's signature (or its batch's, with the proof) is the receiving Party's proof of what it was sent.
            notice.Signature, Times.ToUnixMs(notice.SenderAcceptedAt), notice.Proof));
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
