using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Art. 11.1: the results of an investigation go to the competent body of the Party that transferred the information.</summary>
public sealed class InvestigationResultToTransferringPartyRule() : NoticeRule("INVESTIGATION_RESULT_NOT_TO_COMPETENT_BODY", "Art. 11.1",
    "An investigation result is refused unless it is addressed to the competent body of the Party that transferred the information (the breach's transfer, else the Party notified of the breach).",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.InvestigationResult || AnswerLookup.Request(context) is not { } breach)
        {
            return null;
        }

        var transferring = Originators.TransferOf(context.Facts, breach.Envelope) is { } transfer
            ? transfer.Envelope.SenderParty
            : breach.Envelope.ReceiverParty;
        var competent = context.Facts.CompetentBodies.Of(transferring);
        return e.ReceiverParty == transferring && e.ReceiverBody == competent
            ? null
            : Verdict($"the results go to '{competent}', the competent body of {PartyName(transferring)} that transferred the information, not to '{e.ReceiverBody}'.",
                "envelope.receiver_body");
    }

    private static string PartyName(Party party) => party == Party.Tm ? "Turkmenistan" : "Kazakhstan";
}
