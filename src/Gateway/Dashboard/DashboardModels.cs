using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Texts;

namespace ClassifiedGateway.Gateway.Dashboard;

/// <summary>A refusal or a flag as the dashboard shows it: the English message, and its code and parameters for the page to render.</summary>
public sealed record RefusalView(string RuleId, string Article, string Message, TextView? Text = null);

/// <summary>One row of the live table: metadata and acknowledgement state only, never the notice's content.</summary>
public sealed record MessageRow(
    string Id, string Kind, string Direction, string SenderParty, string SenderBody, string ReceiverParty, string ReceiverBody, int Level,
    string Stage, DateTimeOffset StageAt, DateTimeOffset AcceptedAt, DateTimeOffset? NextDueAt, bool Overdue, RefusalView? Refusal,
    IReadOnlyList<string> Flags, string InReplyTo, string CorrelationId = "", IReadOnlyList<RefusalView>? FlagTexts = null);

/// <summary>One entry of a message's timeline.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Stage, string Event, string Detail, RefusalView? Refusal, TextView? Text = null);

/// <summary>The other node's receipt, as evidence.</summary>
public sealed record ReceiptView(string Status, DateTimeOffset? StoredAt, string Digest, bool HasSignature);

/// <summary>An obligation as the panel shows it.</summary>
public sealed record ObligationView(
    long Id, string MessageId, string Kind, string RuleId, string Article, string Description, bool Policy, string DebtorParty, string DebtorBody,
    DateTimeOffset DueAt, DateTimeOffset? OverdueSince, string ClosedBy, DateTimeOffset? ClosedAt, TextView? Text = null);

/// <summary>A message's own page.</summary>
public sealed record MessageDetail(
    MessageRow Message, IReadOnlyList<TimelineEntry> Timeline, ReceiptView? Receipt, IReadOnlyList<ObligationView> Obligations,
    IReadOnlyList<string> AnsweredBy, IReadOnlyList<string> Related);

/// <summary>The banner and counters; once a termination runs, its last day in force and the Art. 15.2 reading that gives it; the host
/// time zone's offset the page shows times in.</summary>
public sealed record Summary(
    string LocalParty, string Agreement, string? InForceSince, string? TerminatesOn, long OpenObligations, long OverdueObligations,
    IReadOnlyDictionary<string, long> Stages, DateTimeOffset Now, string? LastDayInForce = null, string? TerminationReading = null,
    int HostUtcOffsetMinutes = 300);

/// <summary>Maps the wire's records to the dashboard's views.</summary>
public static class DashboardViews
{
    public static string Name(Stage stage) => stage switch
    {
        Stage.RefusedByPeer => "REFUSED_BY_PEER",
        _ => stage.ToString().ToUpperInvariant(),
    };

    public static string Code(Party party) => party switch
    {
        Party.Kz => "KZ",
        Party.Tm => "TM",
        _ => "?",
    };

    public static RefusalView? Refusal(Refusal? r) =>
        r is null || r.RuleId.Length == 0 ? null : new(r.RuleId, r.Article, r.Message, TextCatalogue.Verdict(r.RuleId, r.Article, r.Message));

    public static RefusalView Flag(RuleFlag f) => new(f.RuleId, f.Article, f.Message, TextCatalogue.Verdict(f.RuleId, f.Article, f.Message));

    public static MessageRow Row(MessageRecord m) => new(
        m.Envelope.Id, m.Kind, m.Direction == Direction.Outbound ? "outbound" : "inbound",
        Code(m.Envelope.SenderParty), m.Envelope.SenderBody, Code(m.Envelope.ReceiverParty), m.Envelope.ReceiverBody, (int)m.Envelope.Level,
        Name(m.Stage), m.StageAt.ToDateTimeOffset(), m.AcceptedAt.ToDateTimeOffset(), m.NextDueAt?.ToDateTimeOffset(), m.Overdue,
        Refusal(m.Refusal), [.. m.RuleFlags.Select(f => f.Message)], m.Envelope.InReplyTo, m.Envelope.CorrelationId, [.. m.RuleFlags.Select(Flag)]);

    public static ObligationView Obligation(Obligation o) => new(
        o.ObligationId, o.MessageId, o.Kind, o.RuleId, o.Article, o.Description, o.Policy, Code(o.DebtorParty), o.DebtorBody, o.DueAt.ToDateTimeOffset(),
        o.OverdueSince?.ToDateTimeOffset(), o.ClosedBy, o.ClosedAt?.ToDateTimeOffset(), TextCatalogue.Obligation(o.RuleId, o.Description));

    public static TimelineEntry Timeline(StageEvent e) => new(
        e.At.ToDateTimeOffset(), Name(e.Stage), e.EventKind.ToString().ToUpperInvariant(), e.Detail, Refusal(e.Refusal), TextCatalogue.History(e.Detail));

    public static ReceiptView? Receipt(Receipt? r) => r is null ? null : new(
        r.Status.ToString().ToUpperInvariant(), r.StoredAt?.ToDateTimeOffset(), Convert.ToHexStringLower(r.EnvelopeDigest.Span), r.Signature.Length > 0);
}
