using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Storage;

/// <summary>The node's durable state, engine-neutral. Every write commits before its task completes.</summary>
public interface IGatewayStore
{
    StoreSignals Signals { get; }

    /// <summary>Applies pending schema migrations.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Readiness: the store answers.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    // Outbound: this Party's systems → the other Party.

    /// <summary>Dedups by id, then admits (message + outbox + history) or records the refusal, in one transaction.</summary>
    Task<SubmitOutcome> SubmitAsync(SubmitCommand command, CancellationToken cancellationToken);

    /// <summary>The oldest outbox entries, in acceptance order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The oldest outbox entries after <paramref name="afterSequence"/> (those not yet sent on the relay stream), up to <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Records the peer's receipts for relayed notices and clears their outbox entries.</summary>
    Task RecordReceiptsAsync(IReadOnlyList<ReceiptForEntry> receipts, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Clears outbox entries the peer has taken (status reports).</summary>
    Task CompleteOutboxAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken);

    /// <summary>Gives up an outbox entry the peer keeps refusing: a notice ends FAILED with the reason, a status report is dropped
    /// with an alarm on its message; either way the entry leaves the outbox.</summary>
    Task FailOutboxEntryAsync(long sequence, string messageId, OutboxEntryType type, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records what the peer's systems did with our notices; returns how many changed a stage.</summary>
    Task<int> RecordPeerStatusAsync(IReadOnlyList<StatusReport> reports, CancellationToken cancellationToken);

    // Inbound: the other Party → this Party's systems.

    /// <summary>Stores relayed notices in order (dedup by id), one receipt each, in one transaction.</summary>
    Task<IReadOnlyList<Receipt>> StoreRelayedAsync(IReadOnlyList<RelayedCommand> notices, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stored inbound notices after a cursor, in cursor order.</summary>
    Task<IReadOnlyList<InboxItem>> ReadInboxAsync(long afterCursor, string? receiverBody, int limit, CancellationToken cancellationToken);

    /// <summary>Delivered, unacknowledged notices last delivered at or before <paramref name="deliveredBefore"/>.</summary>
    Task<IReadOnlyList<InboxItem>> ReadRedeliveriesAsync(long upToCursor, string? receiverBody, DateTimeOffset deliveredBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Marks notices as handed to a receiving system.</summary>
    Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a receiving system's acknowledgement (idempotent) and queues it for the sender.</summary>
    Task<AcknowledgeOutcome> AcknowledgeAsync(string messageId, string? acknowledgingBody, DateTimeOffset at, string actor, CancellationToken cancellationToken);

    // Queries.

    /// <summary>Messages with this id (ids are unique per sender, so there may be several), narrowed by the sender when given.</summary>
    Task<IReadOnlyList<FoundMessage>> FindMessagesAsync(MessageRef reference, CancellationToken cancellationToken);

    /// <summary>One message with its history, by the store's key (see <see cref="FindMessagesAsync"/>).</summary>
    Task<MessageRecord?> GetMessageAsync(string messageKey, CancellationToken cancellationToken);

    Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<StageEvent>> ReadStageChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The change feed's last sequence (0 when empty).</summary>
    Task<long> LatestChangeSequenceAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken);

    // Obligations and the ledger.

    /// <summary>Flags open obligations whose due time passed; returns how many were newly flagged.</summary>
    Task<int> MarkOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<ObligationPage> ListObligationsAsync(ObligationQuery query, CancellationToken cancellationToken);

    /// <summary>(open, overdue) obligation counts.</summary>
    Task<(long Open, long Overdue)> CountObligationsAsync(CancellationToken cancellationToken);

    // The audit trail.

    /// <summary>Appends an entry that is not a stage change (an authorization denial, a configuration or certificate change).</summary>
    Task AppendAuditAsync(string kind, string messageId, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records an integrity alarm on a message (once per distinct detail) in its history and the audit trail.</summary>
    Task RecordAlarmAsync(string messageId, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Signs the chain's head if it moved since the last checkpoint; returns the new checkpoint, or null.</summary>
    Task<Security.AuditCheckpoint?> CheckpointAuditAsync(Func<long, byte[], long, byte[]> sign, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The evidence kept about one message (null when unknown).</summary>
    Task<StoredEvidence?> GetEvidenceAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Outbox entries waiting for the peer.</summary>
    Task<long> OutboxDepthAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the other node's backlog as the replica that relays last heard it, for the replicas that do not relay
    /// (they hear nothing from the other node but their probe's answer) to pace on.</summary>
    Task SharePeerBacklogAsync(long backlog, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The other node's backlog as <see cref="SharePeerBacklogAsync"/> last kept it, with when; null if never.</summary>
    Task<(long Backlog, DateTimeOffset At)?> ReadSharedPeerBacklogAsync(CancellationToken cancellationToken);

    /// <summary>Reads the ledger consistently (behind pending writes).</summary>
    Task<T> ReadLedgerAsync<T>(Func<Rules.ILedger, T> read, CancellationToken cancellationToken);
}
