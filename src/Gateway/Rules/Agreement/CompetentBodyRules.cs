using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Agreement;

/// <summary>Art. 3, 5.1, 8, 15: notices between the Parties' competent bodies go from one competent body to the other.</summary>
public sealed class CompetentBodiesOnlyRule() : NoticeRule("COMPETENT_BODIES_ONLY", "Art. 3, 5.1",
    "Clearance requests and confirmations, competent-body changes, consultations, regulations, domestic-procedure and termination notices go between the current competent bodies.",
    RuleOutcome.Refuse)
{
    private static readonly HashSet<Case> Kinds =
    [
        Case.ClearanceConfirmationRequest, Case.ClearanceConfirmation, Case.CompetentBodyChange, Case.ConsultationRequest,
        Case.RegulationsExchange, Case.DomesticProceduresCompleted, Case.TerminationNotice,
    ];

    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (!Kinds.Contains(e.NoticeCase))
        {
            return null;
        }

        var bodies = context.Facts.CompetentBodies;
        if (!bodies.IsCompetentBody(e.SenderParty, e.SenderBody))
        {
            return Verdict($"a {e.NoticeCase} is sent by the competent body '{bodies.Of(e.SenderParty)}', not '{e.SenderBody}'.", "envelope.sender_body");
        }

        return bodies.IsCompetentBody(e.ReceiverParty, e.ReceiverBody)
            ? null
            : Verdict($"a {e.NoticeCase} is addressed to the competent body '{bodies.Of(e.ReceiverParty)}', not '{e.ReceiverBody}'.", "envelope.receiver_body");
    }
}

/// <summary>Art. 3.2: the change names the body it replaces.</summary>
public sealed class CompetentBodyChangeFromCurrentRule() : NoticeRule("COMPETENT_BODY_CHANGE_MISMATCH", "Art. 3.2",
    "A competent-body change names the current competent body as the one it replaces.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.CompetentBodyChange)
        {
            return null;
        }

        var current = context.Facts.CompetentBodies.Of(e.SenderParty);
        return e.CompetentBodyChange.PreviousBodyId.Length == 0 || e.CompetentBodyChange.PreviousBodyId == current
            ? null
            : Verdict($"the current competent body is '{current}', not '{e.CompetentBodyChange.PreviousBodyId}'.", "competent_body_change.previous_body_id");
    }
}
