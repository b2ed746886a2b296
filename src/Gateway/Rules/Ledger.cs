using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>A notice the node holds as a fact: stored (either direction) and not refused by either node.</summary>
/// <param name="ReceivedAt">When the receiving node stored it: its own time for inbound, the peer's receipt time for outbound (null until the receipt arrives).</param>
/// <param name="Key">The store's key (ids are unique per sender, see <see cref="Domain.MessageKeys"/>).</param>
public sealed record LedgerEntry(string Id, Envelope Envelope, Direction Direction, Stage Stage, DateTimeOffset AcceptedAt, DateTimeOffset? ReceivedAt, string Key = "")
{
    /// <summary>The store's key, or the sender-scoped key when the entry was built without one.</summary>
    public string StoreKey => Key.Length > 0 ? Key : Domain.MessageKeys.Of(Envelope);
}

/// <summary>Lookups over the facts the node has accepted and relayed; read inside the transaction that will store the new notice.</summary>
public interface ILedger
{
    /// <summary>The first entry with this id, if it is a fact (not refused).</summary>
    LedgerEntry? Find(string messageId);

    /// <summary>The request a reply answers: ids are unique per sender, so the reply's in_reply_to is read among the notices of
    /// the Party it answers (the other Party's, or its own for an answer to its own request).</summary>
    LedgerEntry? FindRequest(Envelope reply) => Find(reply.InReplyTo);

    /// <summary>Entries indexed under a key (see <see cref="LedgerKeys"/>), oldest first.</summary>
    IReadOnlyList<LedgerEntry> ByKey(string key);

    /// <summary><see cref="ByKey"/> for several keys at once (a store answers them with one query): every key is in the
    /// result, with no entries if none is indexed under it.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<LedgerEntry>> ByKeys(IReadOnlyCollection<string> keys) =>
        keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, ByKey, StringComparer.Ordinal);

    /// <summary>Entries that answer the message with this store key (bound when each answer was admitted), oldest first.</summary>
    IReadOnlyList<LedgerEntry> AnswersTo(string messageKey);
}

/// <summary>The keys under which a notice is indexed for the rules' lookups.</summary>
public static class LedgerKeys
{
    public const string DomesticProcedures = "agreement:domestic";
    public const string Termination = "agreement:termination";
    public const string CompetentBodyChanges = "competent-body-changes";

    public static string Clearance(Party party, string authorizedBody) => $"clearance:{(int)party}:{authorizedBody}";

    public static string Arrangement(string arrangementId) => $"arrangement:{arrangementId}";

    public static string Contract(string reference) => $"contract:{reference}";

    /// <summary>Every notice about one jointly created information: its declaration, confirmations and change agreements (Art. 6.3).</summary>
    public static string Joint(string informationId) => $"joint:{informationId}";

    /// <summary>Every notice that concerns a transfer (names it in transfer_id).</summary>
    public static string Transfer(string transferId) => $"transfer:{transferId}";

    /// <summary>The transfer a notice concerns, from its transfer_id field, if it has one.</summary>
    public static string? TransferIdOf(Envelope e) => e.NoticeCase switch
    {
        Envelope.NoticeOneofCase.ReceiptConfirmation => e.ReceiptConfirmation.TransferId,
        Envelope.NoticeOneofCase.ClassificationChange => e.ClassificationChange.TransferId,
        Envelope.NoticeOneofCase.CopyRequest => e.CopyRequest.TransferId,
        Envelope.NoticeOneofCase.CopyNotice => e.CopyNotice.TransferId,
        Envelope.NoticeOneofCase.DestructionRequest => e.DestructionRequest.TransferId,
        Envelope.NoticeOneofCase.DestructionNotice => e.DestructionNotice.TransferId,
        Envelope.NoticeOneofCase.ThirdPartyDisclosureRequest => e.ThirdPartyDisclosureRequest.TransferId,
        Envelope.NoticeOneofCase.ThirdPartyDisclosureNotice => e.ThirdPartyDisclosureNotice.TransferId,
        Envelope.NoticeOneofCase.BreachNotification => e.BreachNotification.TransferId,
        _ => null,
    } is { Length: > 0 } id ? id : null;

    public static IEnumerable<string> For(Envelope e) =>
        TransferIdOf(e) is { } transfer ? [Transfer(transfer), .. Own(e)] : Own(e);

    private static IEnumerable<string> Own(Envelope e) => e.NoticeCase switch
    {
        Envelope.NoticeOneofCase.ClearanceConfirmation => [Clearance(e.SenderParty, e.ClearanceConfirmation.AuthorizedBodyId)],
        Envelope.NoticeOneofCase.TransportArrangement => [Arrangement(e.TransportArrangement.ArrangementId)],
        Envelope.NoticeOneofCase.ContractRegistration => [Contract(e.ContractRegistration.ContractReference)],
        Envelope.NoticeOneofCase.DomesticProceduresCompleted => [DomesticProcedures],
        Envelope.NoticeOneofCase.TerminationNotice => [Termination],
        Envelope.NoticeOneofCase.CompetentBodyChange => [CompetentBodyChanges],
        Envelope.NoticeOneofCase.JointCreationNotice => [Joint(e.JointCreationNotice.InformationId)],
        Envelope.NoticeOneofCase.JointCreationConfirmation => [Joint(e.JointCreationConfirmation.InformationId)],
        Envelope.NoticeOneofCase.JointClassificationChangeAgreement => [Joint(e.JointClassificationChangeAgreement.InformationId)],
        _ => [],
    };
}
