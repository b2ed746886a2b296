namespace ClassifiedGateway.Gateway.Storage;

/// <summary>What the operators' console reads and records beyond the message store: the link's backlog, the audit trail, and
/// settlements of obligations recorded by operators.</summary>
public interface IConsoleStore
{
    /// <summary>The backlog towards the other node: outbox depth and age, notices not yet delivered or not yet acknowledged.</summary>
    Task<LinkBacklog> ReadLinkBacklogAsync(CancellationToken cancellationToken);

    /// <summary>The whole audit chain and the checkpoints stored with it, in order, for verification.</summary>
    Task<(IReadOnlyList<Security.AuditEntry> Entries, IReadOnlyList<Security.AuditCheckpoint> Checkpoints)> ReadAuditChainAsync(CancellationToken cancellationToken);

    /// <summary>A page of the audit trail, newest first: entries before <paramref name="beforeSequence"/> (all when null).</summary>
    Task<IReadOnlyList<Security.AuditEntry>> ReadAuditPageAsync(long? beforeSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="actor"/>'s proposal that open obligation <paramref name="obligationId"/> was settled
    /// outside the gateway, with an audit entry, in one transaction. The obligation stays open until another operator approves.</summary>
    Task<(SettlementResult Result, Settlement? Settlement)> ProposeSettlementAsync(long obligationId, string note, string actor, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Approves a waiting proposal and closes its obligation, with an audit entry, in one transaction — only when
    /// <paramref name="actor"/> is not the proposer.</summary>
    Task<(SettlementResult Result, Settlement? Settlement)> ApproveSettlementAsync(long settlementId, string actor, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Settlements, newest first: only those waiting for approval when <paramref name="waitingOnly"/>.</summary>
    Task<IReadOnlyList<Settlement>> ListSettlementsAsync(bool waitingOnly, int limit, CancellationToken cancellationToken);
}

/// <summary>The backlog towards the other node; each "since" is the oldest of its kind, null when there is none.</summary>
/// <param name="OutboxDepth">Outbox entries (notices and status reports) waiting to be sent.</param>
/// <param name="OldestWaitingSince">When the entry first in line in the outbox was queued (entries are queued in time order).</param>
/// <param name="Undelivered">Our notices the other node has not yet delivered to its system (ACCEPTED or RELAYED).</param>
/// <param name="OldestUndeliveredSince">When the oldest of them was accepted.</param>
/// <param name="Unacknowledged">Our notices delivered but not yet acknowledged by the receiving system.</param>
/// <param name="OldestUnacknowledgedSince">Since when the oldest of them waits for its acknowledgement (its stage time).</param>
public sealed record LinkBacklog(
    long OutboxDepth, DateTimeOffset? OldestWaitingSince, long Undelivered, DateTimeOffset? OldestUndeliveredSince,
    long Unacknowledged, DateTimeOffset? OldestUnacknowledgedSince);

/// <summary>A record that an obligation was settled outside the gateway: proposed by one operator, approved by another.</summary>
public sealed record Settlement(
    long Id, long ObligationId, string MessageId, string RuleId, string Article, string Note, string ProposedBy, DateTimeOffset ProposedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt);

/// <summary>What became of a proposal or an approval.</summary>
public enum SettlementResult
{
    /// <summary>Recorded (proposed; or approved and the obligation closed).</summary>
    Done = 1,

    /// <summary>No such obligation or settlement.</summary>
    NotFound = 2,

    /// <summary>The obligation is already closed (answered, or settled).</summary>
    AlreadyClosed = 3,

    /// <summary>A proposal for this obligation already waits for approval.</summary>
    AlreadyProposed = 4,

    /// <summary>The approver is the proposer: four eyes need a second, different operator.</summary>
    SameOperator = 5,
}
