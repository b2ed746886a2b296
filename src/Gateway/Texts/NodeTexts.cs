namespace ClassifiedGateway.Gateway.Texts;

/// <summary>The node's own sentences: timeline entries, alarms, obligations and the refusals that no rule gives (relay, storage,
/// signatures). Each is exactly the English the node writes where it records it.</summary>
public static class NodeTexts
{
    /// <summary>Timeline (history) details and alarms.</summary>
    public static IReadOnlyList<TextTemplate> History { get; } =
    [
        new("H.ACCEPTED", "accepted"),
        new("H.REFUSED_AT_SUBMIT", "refused at submit"),
        new("H.RECEIVED", "received from the other node"),
        new("H.REFUSED_ON_ARRIVAL", "refused on arrival"),
        new("H.PROCESSING_FAILED", "refused on arrival: processing failed"),
        new("H.STORED_BY_PEER", "stored by the receiving node; receipt held"),
        new("H.REFUSED_BY_PEER", "refused by the receiving node"),
        new("H.RELAY_GIVEN_UP", "relay given up"),
        new("H.DELIVERED", "delivered to the receiving system"),
        new("H.DELIVERED_AT", "delivered to the receiving system at {at:instant} (other node's clock)"),
        // The longer form first: a lazy {body} would otherwise swallow " at … (other node's clock)".
        new("H.ACKNOWLEDGED_AT", "acknowledged by {body} at {at:instant} (other node's clock)"),
        new("H.ACKNOWLEDGED", "acknowledged by {body}"),
        new("H.ANSWERED", "answered by {reply}"),
        new("H.QUARANTINED", "quarantined: the stored envelope failed its integrity check"),
        new("H.OVERDUE", "OVERDUE: {description:obligation}; it was due {due:utc}"),
        new("H.ALARM_QUARANTINED", "ALARM: stored envelope {problem:raw}; quarantined"),
        new("H.ALARM_REPORT_NOT_RELAYED", "ALARM: status report not relayed: {reason:raw}"),
        new("H.ALARM_UNSIGNED_REPORT", "ALARM: a {stage:stage} report without the peer's valid signature was ignored"),
        new("H.ALARM_RECEIPT_REJECTED", "ALARM: receipt rejected: {problem:raw}"),
        new("H.ALARM_CLOCK_SKEW", "ALARM: the other node's clock is {seconds} s {side:side} this node's (tolerance {tolerance} s); its notices are still accepted and each node keeps its stage times in its own clock"),
    ];

    /// <summary>Obligation descriptions, by the rule that opens them.</summary>
    public static IReadOnlyList<(string RuleId, TextTemplate Template)> Obligations { get; } =
    [
        ("RECEIPT_CONFIRMATION_DUE", new("O.RECEIPT_CONFIRMATION_DUE", "Receipt confirmation due {within:policy} after dispatch")),
        ("CLEARANCE_CONFIRMATION_DUE", new("O.CLEARANCE_CONFIRMATION_DUE", "Clearance confirmation due {within:policy} after the request")),
        ("VISIT_DECISION_DUE", new("O.VISIT_DECISION_DUE", "Visit decision due before the visit starts on {firstDay:day}")),
        ("INVESTIGATION_RESULT_DUE", new("O.INVESTIGATION_RESULT_DUE", "Investigation result due {within:policy} after the breach notification")),
    ];

    /// <summary>Refusals no rule gives, by their reason code.</summary>
    public static IReadOnlyList<(string RuleId, TextTemplate Template)> Refusals { get; } =
    [
        ("RELAY_FAILED", new("RELAY_FAILED", "Not carried to the other node: {reason:raw}")),
        ("PROCESSING_FAILED", new("PROCESSING_FAILED", "The receiving node could not process this notice (its checks failed unexpectedly); it is not stored for delivery.")),
        ("ENVELOPE_UNREADABLE", new("ENVELOPE_UNREADABLE", "The relayed envelope could not be read.")),
        ("ID_CONFLICT", new("ID_CONFLICT", "Message id '{id}' is already stored with different content.")),
        ("RELAY_ORDER", new("RELAY_ORDER", "Relay sequence {sequence} is not after the last applied {last}; the sender's acceptance order must be kept.")),
        ("SIGNATURE_INVALID", new("SIGNATURE_INVALID", "The notice is unsigned, or its signature does not match its content; nothing was stored.")),
    ];
}
