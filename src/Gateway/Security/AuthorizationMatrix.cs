using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Security;

/// <summary>Who may do what: role × service × notice kind, in one place. Anything not listed is denied.</summary>
public static class AuthorizationMatrix
{
    /// <summary>The roles each service admits.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<CallerRole>> Services = new Dictionary<string, IReadOnlySet<CallerRole>>
    {
        [PartyGatewayService.Descriptor.FullName] = new HashSet<CallerRole> { CallerRole.CompetentBody, CallerRole.AuthorizedBody },
        [OperatorService.Descriptor.FullName] = new HashSet<CallerRole> { CallerRole.Operator },
        [PeerRelayService.Descriptor.FullName] = new HashSet<CallerRole> { CallerRole.Node },
        [DevClockService.Descriptor.FullName] = new HashSet<CallerRole> { CallerRole.CompetentBody, CallerRole.Operator },
        ["grpc.health.v1.Health"] = new HashSet<CallerRole> { CallerRole.CompetentBody, CallerRole.AuthorizedBody, CallerRole.Operator, CallerRole.Node },
        ["grpc.reflection.v1alpha.ServerReflection"] = new HashSet<CallerRole> { CallerRole.Operator },
        ["grpc.reflection.v1.ServerReflection"] = new HashSet<CallerRole> { CallerRole.Operator },
    };

    /// <summary>Art. 5–7: the notices an authorized body's own system may send (as itself only).</summary>
    public static readonly IReadOnlySet<Case> AuthorizedBodyNotices = new HashSet<Case>
    {
        Case.TransferNotice, Case.ReceiptConfirmation, Case.TransportArrangement, Case.ClassificationChange,
        Case.CopyRequest, Case.CopyPermission, Case.CopyNotice,
        Case.DestructionRequest, Case.DestructionAgreement, Case.DestructionNotice, Case.ContractRegistration,
    };

    /// <summary>Whether <paramref name="caller"/> may call a method of <paramref name="service"/> on a node of <paramref name="localParty"/>.</summary>
    public static bool MayCall(CallerIdentity caller, string service, Party localParty)
    {
        if (!Services.TryGetValue(service, out var roles) || !roles.Contains(caller.Role))
        {
            return false;
        }

        // The peer node speaks only as the other Party; everyone else only as this one.
        return caller.Role == CallerRole.Node ? caller.Party != localParty : caller.Party == localParty;
    }

    /// <summary>Null when the caller may send this notice; otherwise why not.</summary>
    public static string? MaySend(CallerIdentity caller, Envelope envelope)
    {
        if (envelope.SenderParty != caller.Party)
        {
            return $"a {caller} certificate cannot send a notice as the other Party";
        }

        return caller.Role switch
        {
            CallerRole.CompetentBody => null,
            CallerRole.AuthorizedBody when envelope.SenderBody != caller.Body => $"authorized body '{caller.Body}' can only send as itself, not as '{envelope.SenderBody}'",
            CallerRole.AuthorizedBody when !AuthorizedBodyNotices.Contains(envelope.NoticeCase) => $"a {envelope.NoticeCase} is sent by the competent body, not by authorized body '{caller.Body}'",
            CallerRole.AuthorizedBody => null,
            _ => $"role {CallerIdentity.RoleName(caller.Role)} cannot send notices",
        };
    }

    /// <summary>Whether the caller may see or acknowledge a notice between these bodies.</summary>
    public static bool MayAccess(CallerIdentity caller, string senderBody, string receiverBody) =>
        caller.Role is CallerRole.CompetentBody or CallerRole.Operator || senderBody == caller.Body || receiverBody == caller.Body;
}
