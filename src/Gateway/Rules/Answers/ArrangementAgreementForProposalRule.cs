using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Art. 5.5: an agreement to a transport arrangement agrees to the arrangement proposed, under the proposal's id.</summary>
public sealed class ArrangementAgreementForProposalRule() : NoticeRule("ARRANGEMENT_AGREEMENT_OTHER_ID", "Art. 5.5",
    "An agreed transport arrangement is refused unless its arrangement_id is the one of the proposal it answers.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.TransportArrangement || AnswerLookup.Request(context) is not { } proposal)
        {
            return null;
        }

        var proposed = proposal.Envelope.TransportArrangement.ArrangementId;
        return proposed == e.TransportArrangement.ArrangementId
            ? null
            : Verdict($"'{proposal.Id}' proposed arrangement '{proposed}', not '{e.TransportArrangement.ArrangementId}'.", "transport_arrangement.arrangement_id");
    }
}
