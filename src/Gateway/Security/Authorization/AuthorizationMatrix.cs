using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Who may send and see which notices. Which role may reach which service on which listener is <see cref="AccessPolicy"/>.</summary>
public static class AuthorizationMatrix
{
    /// <summary>Art. 5–7 (6.3 for jointly created information): the notices an authorized body's own system may send (as itself only).</summary>
    public static readonly IReadOnlySet<Case> AuthorizedBodyNotices = new HashSet<Case>
    {
        Case.TransferNotice, Case.ReceiptConfirmation, Case.TransportArrangement, Case.ClassificationChange,
        Case.CopyRequest, Case.CopyPermission, Case.CopyNotice,
        Case.DestructionRequest, Case.DestructionAgreement, Case.DestructionNotice, Case.ContractRegistration,
        Case.JointCreationNotice, Case.JointCreationConfirmation, Case.JointClassificationChangeAgreement,
    };

    /// <summary>Null when the caller may send this notice; otherwise why not (caller strings bounded).</summary>
    public static string? MaySend(CallerIdentity caller, Envelope envelope)
    {
        if (envelope.SenderParty != caller.Party)
        {
            return $"a {caller} certificate cannot send a notice as the other Party";
        }

        return caller.Role switch
        {
            CallerRole.CompetentBody => null,
            CallerRole.AuthorizedBody when envelope.SenderBody != caller.Body =>
                $"authorized body '{caller.Body}' can only send as itself, not as '{Domain.SafeText.Bounded(envelope.SenderBody)}'",
            CallerRole.AuthorizedBody when !AuthorizedBodyNotices.Contains(envelope.NoticeCase) =>
                $"a {envelope.NoticeCase} is sent by the competent body, not by authorized body '{caller.Body}'",
            CallerRole.AuthorizedBody => null,
            _ => $"role {CallerIdentity.RoleName(caller.Role)} cannot send notices",
        };
    }

    /// <summary>Whether the caller may see or acknowledge this notice: the competent body and operators see all of their
    /// own Party's; an authorized body only what it sent or what is addressed to it — Party and body both matching.</summary>
    public static bool MayAccess(CallerIdentity caller, Envelope envelope) =>
        caller.Role switch
        {
            CallerRole.CompetentBody or CallerRole.Operator => envelope.SenderParty == caller.Party || envelope.ReceiverParty == caller.Party,
            CallerRole.AuthorizedBody =>
                (envelope.SenderParty == caller.Party && envelope.SenderBody == caller.Body)
                || (envelope.ReceiverParty == caller.Party && envelope.ReceiverBody == caller.Body),
            _ => false,
        };
}
