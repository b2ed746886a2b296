using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Domain;

/// <summary>What the gateway knows about each kind of notice: its article, whether it answers another, whether it concerns classified material.</summary>
/// <param name="AnswersOwnRequest">The answer comes from the side that sent the request (an investigation result follows one's own breach notice).</param>
public sealed record NoticeKind(Case Case, string Name, string Article, bool ConcernsClassifiedMaterial, Case? Answers, bool ReplyRequired, bool AnswersOwnRequest = false);

/// <summary>The catalogue of notice kinds, one entry per case of the envelope's oneof.</summary>
public static class NoticeKinds
{
    private static readonly Dictionary<Case, NoticeKind> ByCase = new NoticeKind[]
    {
        new(Case.CompetentBodyChange, "CompetentBodyChange", "Art. 3.2", false, null, false),
        new(Case.ClearanceConfirmationRequest, "ClearanceConfirmationRequest", "Art. 5.1", false, null, false),
        new(Case.ClearanceConfirmation, "ClearanceConfirmation", "Art. 5.1", false, Case.ClearanceConfirmationRequest, true),
        new(Case.TransferNotice, "TransferNotice", "Art. 5", true, null, false),
        new(Case.ReceiptConfirmation, "ReceiptConfirmation", "Art. 5.4", false, Case.TransferNotice, true),
        new(Case.TransportArrangement, "TransportArrangement", "Art. 5.5", false, Case.TransportArrangement, false),
        new(Case.ClassificationChange, "ClassificationChange", "Art. 6.3", true, null, false),
        new(Case.CopyRequest, "CopyRequest", "Art. 6.4", true, null, false),
        new(Case.CopyPermission, "CopyPermission", "Art. 6.4", false, Case.CopyRequest, true),
        new(Case.DestructionRequest, "DestructionRequest", "Art. 6.5", true, null, false),
        new(Case.DestructionAgreement, "DestructionAgreement", "Art. 6.5", false, Case.DestructionRequest, true),
        new(Case.DestructionNotice, "DestructionNotice", "Art. 6.5", true, null, false),
        new(Case.ThirdPartyDisclosureRequest, "ThirdPartyDisclosureRequest", "Art. 4.1.5", true, null, false),
        new(Case.ThirdPartyDisclosureConsent, "ThirdPartyDisclosureConsent", "Art. 4.1.5", false, Case.ThirdPartyDisclosureRequest, true),
        new(Case.VisitRequest, "VisitRequest", "Art. 9", true, null, false),
        new(Case.VisitDecision, "VisitDecision", "Art. 9", false, Case.VisitRequest, true),
        new(Case.BreachNotification, "BreachNotification", "Art. 11", true, null, false),
        new(Case.InvestigationResult, "InvestigationResult", "Art. 11", false, Case.BreachNotification, true, AnswersOwnRequest: true),
        new(Case.ConsultationRequest, "ConsultationRequest", "Art. 8", false, null, false),
        new(Case.RegulationsExchange, "RegulationsExchange", "Art. 8", false, null, false),
        new(Case.DomesticProceduresCompleted, "DomesticProceduresCompleted", "Art. 15.1", false, null, false),
        new(Case.TerminationNotice, "TerminationNotice", "Art. 15.2", false, null, false),
        new(Case.ContractRegistration, "ContractRegistration", "Art. 7", false, null, false),
        new(Case.CopyNotice, "CopyNotice", "Art. 6.4", true, null, false),
        new(Case.ThirdPartyDisclosureNotice, "ThirdPartyDisclosureNotice", "Art. 4.1.5", true, null, false),
        new(Case.JointCreationNotice, "JointCreationNotice", "Art. 6.3", true, null, false),
        new(Case.JointCreationConfirmation, "JointCreationConfirmation", "Art. 6.3", false, Case.JointCreationNotice, true),
        new(Case.JointClassificationChangeAgreement, "JointClassificationChangeAgreement", "Art. 6.3", false, null, false),
    }.ToDictionary(k => k.Case);

    /// <summary>Every kind, in wire order.</summary>
    public static IReadOnlyCollection<NoticeKind> All => ByCase.Values;

    public static NoticeKind Of(Case kind) =>
        ByCase.TryGetValue(kind, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such notice kind.");

    public static NoticeKind Of(Envelope envelope) => Of(envelope.NoticeCase);

    public static bool TryOf(Case kind, out NoticeKind info) => ByCase.TryGetValue(kind, out info!);
}
