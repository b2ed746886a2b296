using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>The originator of transferred information: the body that sent the transfer, as the ledger recorded it, or its Party's competent body.</summary>
public static class Originators
{
    /// <summary>Whether <paramref name="body"/> of <paramref name="party"/> speaks for the originator of <paramref name="transfer"/>.</summary>
    public static bool Is(Facts facts, Envelope transfer, Party party, string body) =>
        transfer.SenderParty == party && (transfer.SenderBody == body || facts.CompetentBodies.IsCompetentBody(party, body));

    /// <summary>The transfer a notice concerns (its transfer_id), if the ledger holds it.</summary>
    public static LedgerEntry? TransferOf(Facts facts, Envelope notice) =>
        LedgerKeys.TransferIdOf(notice) is { } id ? facts.Find(id, Envelope.NoticeOneofCase.TransferNotice) : null;
}
