using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Who may send and see which notices. Which role may reach which service on which listener is <see cref="AccessPolicy"/>.</summary>
public static class AuthorizationMatrix
{
    /// <summary>Art. 5–7 (6.3 for jointly created information, 11.1 for breaches): the notices an authorized body's own system may
    /// send (as itself only). Art. 11.1 lets "the authorized or competent body" notify a breach, so a breach notification is among them.</summary>
    public static readonly IReadOnlySet<Case> AuthorizedBodyNotices = new HashSet<Case>
    {
        Case.TransferNotice, Case.ReceiptConfirmation, Case.TransportArrangement, Case.ClassificationChange,
        Case.CopyRequest, Case.CopyPermission, Case.CopyNotice,
        Case.DestructionRequest, Case.DestructionAgreement, Case.DestructionNotice, Case.ContractRegistration,
        Case.JointCreationNotice, Case.JointCreationConfirmation, Case.JointClassificationChangeAgreement,
        Case.BreachNotification,
    };

    /// <summary>Null when the caller may send this notice; otherwise why not (caller strings bounded) and the article behind it.</summary>
    public static SendDenial? MaySend(CallerIdentity caller, Envelope envelope)
    {
        if (envelope.SenderParty != caller.Party)
        {
            // Art. 3.1: each Party speaks through its own bodies; a node carries only its own Party's notices.
            return new($"a {caller} certificate cannot send a notice as the other Party", "Art. 3.1");
        }

        return caller.Role switch
        {
            CallerRole.CompetentBody => null,
            CallerRole.AuthorizedBody when envelope.SenderBody != caller.Body =>
                new($"authorized body '{caller.Body}' can only send as itself, not as '{Domain.SafeText.Bounded(envelope.SenderBody)}'", "Art. 1.6"),
            CallerRole.AuthorizedBody when !AuthorizedBodyNotices.Contains(envelope.NoticeCase) =>
                new($"a {envelope.NoticeCase} is sent by the competent body, not by authorized body '{caller.Body}'", Article(envelope.NoticeCase)),
            CallerRole.AuthorizedBody => null,
            _ => new($"role {CallerIdentity.RoleName(caller.Role)} cannot send notices", "Art. 1.6, 1.7"),
        };
    }

    /// <summary>The article that gives a competent-body notice to the competent body.</summary>
    private static string Article(Case kind) => kind switch
    {
        Case.InvestigationResult => "Art. 11.1",
        _ => Domain.NoticeKinds.TryOf(kind, out var info) ? info.Article : "Art. 3.1",
    };

    /// <summary>Whether the caller may see or acknowledge this notice: the competent body and operators see all of their
    /// own Party's (observers too); an authorized body only what it sent or what is addressed to it — Party and body both matching.</summary>
    public static bool MayAccess(CallerIdentity caller, Envelope envelope) =>
        caller.Role switch
        {
            CallerRole.CompetentBody or CallerRole.Operator or CallerRole.Observer => envelope.SenderParty == caller.Party || envelope.ReceiverParty == caller.Party,
            CallerRole.AuthorizedBody =>
                (envelope.SenderParty == caller.Party && envelope.SenderBody == caller.Body)
                || (envelope.ReceiverParty == caller.Party && envelope.ReceiverBody == caller.Body),
            _ => false,
        };
}

/// <summary>Why a caller may not send a notice, and the article of the agreement behind the refusal.</summary>
public sealed record SendDenial(string Message, string Article);
