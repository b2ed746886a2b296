using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage;

/// <summary>A notice submitted by this Party's systems. <paramref name="Admit"/> runs inside the transaction, only for a new id,
/// with the ledger as that transaction sees it.</summary>
public sealed record SubmitCommand(Envelope Envelope, byte[] EnvelopeBytes, string Kind, DateTimeOffset At, Func<ILedger, Admission> Admit, string Actor = "node");

/// <summary>The first answer for an id: accepted or refused, and whether this call was a retry.</summary>
public sealed record SubmitOutcome(string MessageId, Stage Stage, DateTimeOffset AcceptedAt, bool Duplicate, Refusal? Refusal);

/// <summary>Type of an outbox entry; one ordered outbox carries both.</summary>
public enum OutboxEntryType
{
    Notice = 1,
    Status = 2,
}

/// <summary>One entry of the outbox, in acceptance order.</summary>
/// <param name="Key">The store's key of the message (see <see cref="Domain.MessageKeys"/>).</param>
/// <param name="MessageId">The message's id on the wire.</param>
/// <param name="SenderBody">The message's sending body (status reports name it: ids are unique per sender).</param>
public sealed record OutboxEntry(long Sequence, OutboxEntryType Type, string Key, byte[]? EnvelopeBytes, DateTimeOffset At, Stage StatusStage, string? ByBody,
    string MessageId, string SenderBody);

/// <summary>The peer's receipt for the notice an outbox entry carried.</summary>
public sealed record ReceiptForEntry(long Sequence, string Key, Receipt Receipt);

/// <summary>A notice relayed by the peer. <paramref name="Rejection"/> refuses it without storing anything (unreadable,
/// unsigned or wrongly signed); <paramref name="Admit"/> runs inside the transaction, only for a new id.</summary>
public sealed record RelayedCommand(long Sequence, byte[] EnvelopeBytes, Envelope? Envelope, string Kind, DateTimeOffset SenderAcceptedAt,
    Func<ILedger, Admission> Admit, Refusal? Rejection = null, byte[]? Signature = null, byte[]? Proof = null);

/// <summary>What the store keeps as evidence about one message.</summary>
public sealed record StoredEvidence(
    string MessageId, Direction Direction, byte[] Envelope, long? RelaySequence, DateTimeOffset? SenderAcceptedAt, byte[]? NoticeSignature,
    Receipt? Receipt, IReadOnlyList<Security.AuditEntry> Audit, BatchProof? NoticeProof = null, IReadOnlyList<StatusReport>? StatusReports = null);


/// <summary>A stored inbound notice ready for a subscriber, its envelope checked against its stored digest.</summary>
public sealed record InboxItem(long Cursor, string Key, Envelope Envelope, int DeliveryCount);

/// <summary>A message named from outside: its id, and its sender when the id alone is ambiguous (Unspecified / empty: any).</summary>
public sealed record MessageRef(string Id, Party SenderParty = Party.Unspecified, string SenderBody = "");

/// <summary>A stored message found by id, with the store's key for it.</summary>
public sealed record FoundMessage(string Key, MessageRecord Record);

/// <summary>The result of an acknowledgement.</summary>
public sealed record AcknowledgeOutcome(string MessageId, Stage Stage, DateTimeOffset AcknowledgedAt);

/// <summary>Filters and keyset paging for the operators' list. <paramref name="KindIn"/> and <paramref name="BodyIn"/> hold the kinds
/// and bodies a partial name resolved to (an empty list matches nothing); <paramref name="Search"/> is the console's search box.</summary>
public sealed record MessageQuery(string? Kind, Stage? Stage, Direction? Direction, string? Body, int PageSize, long? BeforeSequence,
    bool OverdueOnly = false, DateTimeOffset? AcceptedFrom = null, DateTimeOffset? AcceptedTo = null,
    IReadOnlyList<string>? KindIn = null, IReadOnlyList<string>? BodyIn = null, MessageSearch? Search = null);

/// <summary>One search term: a message id or correlation id (exact), or the kinds and bodies whose names contain it
/// (resolved against the known names first, so the query uses the indexes instead of scanning).</summary>
public sealed record MessageSearch(string Term, IReadOnlyList<string> Kinds, IReadOnlyList<string> Bodies);

/// <summary>One page of messages, newest first.</summary>
public sealed record MessagePage(IReadOnlyList<MessageRecord> Messages, long? NextBeforeSequence);

/// <summary>Filters and keyset paging for obligations (overdue first, then by due time).</summary>
public sealed record ObligationQuery(bool OpenOnly, bool OverdueOnly, int PageSize, int Offset);

/// <summary>One page of obligations.</summary>
public sealed record ObligationPage(IReadOnlyList<Obligation> Obligations, int? NextOffset);
