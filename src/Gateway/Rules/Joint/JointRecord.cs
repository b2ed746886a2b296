using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Joint;

/// <summary>Jointly created information as the ledger holds it: a declaration the other Party's body confirmed (Art. 6.3).</summary>
/// <param name="Declaration">The JointCreationNotice.</param>
/// <param name="Confirmation">The JointCreationConfirmation that confirmed it.</param>
public sealed record JointRecord(LedgerEntry Declaration, LedgerEntry Confirmation)
{
    /// <summary>The confirmed declaration of <paramref name="informationId"/>, or null when the ledger does not know it as joint.</summary>
    public static JointRecord? Find(Facts facts, string informationId)
    {
        var notices = facts.ByKey(LedgerKeys.Joint(informationId));
        foreach (var declaration in notices.Where(n => n.Envelope.NoticeCase == Case.JointCreationNotice
            && n.Envelope.JointCreationNotice.InformationId == informationId))
        {
            var confirmation = notices.FirstOrDefault(n => n.Envelope.NoticeCase == Case.JointCreationConfirmation
                && n.Envelope.InReplyTo == declaration.Id
                && n.Envelope.JointCreationConfirmation.Confirmed
                && n.Envelope.JointCreationConfirmation.InformationId == informationId
                && n.Envelope.SenderParty == declaration.Envelope.ReceiverParty);
            if (confirmation is not null)
            {
                return new JointRecord(declaration, confirmation);
            }
        }

        return null;
    }

    /// <summary>The co-creating body of <paramref name="party"/>: the declaration's sender or its addressee.</summary>
    public string CoCreator(Party party) =>
        party == Declaration.Envelope.SenderParty ? Declaration.Envelope.SenderBody : Declaration.Envelope.ReceiverBody;

    /// <summary>Whether <paramref name="body"/> of <paramref name="party"/> speaks for that Party's co-creator: the body itself or the Party's competent body.</summary>
    public bool SpeaksFor(Facts facts, Party party, string body) =>
        (party == Declaration.Envelope.SenderParty || party == Declaration.Envelope.ReceiverParty)
        && (body == CoCreator(party) || facts.CompetentBodies.IsCompetentBody(party, body));
}
