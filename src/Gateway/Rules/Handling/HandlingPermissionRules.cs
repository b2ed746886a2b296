using ClassifiedGateway.Contracts.V1;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Handling;

/// <summary>Art. 6.4: copies only under the transferring body's written permission, and no more than it allows.</summary>
public sealed class CopyNeedsPermissionRule() : NoticeRule("COPY_WITHOUT_PERMISSION", "Art. 6.4",
    "A copy notice is refused unless it relies on a granted copy permission for the same transfer, stays within the copies permitted and names only carriers the request named.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.CopyNotice)
        {
            return null;
        }

        var n = e.CopyNotice;
        if (GrantLookup.Problem(context.Facts, e, n.CopyPermissionId, Case.CopyPermission, Case.CopyRequest, n.TransferId,
            g => g.Envelope.CopyPermission.Granted) is { } problem)
        {
            return Verdict(problem, "copy_notice.copy_permission_id");
        }

        if (GrantLookup.CarrierProblem(context.Facts, e, n.CopyPermissionId) is { } beyond)
        {
            return Verdict(beyond, "copy_notice.carrier_ids");
        }

        var permitted = context.Facts.Find(n.CopyPermissionId)!.Envelope.CopyPermission.CopiesPermitted;
        var already = context.Facts.ByKey(LedgerKeys.Transfer(n.TransferId))
            .Where(x => x.Envelope.NoticeCase == Case.CopyNotice && x.Envelope.CopyNotice.CopyPermissionId == n.CopyPermissionId)
            .Sum(x => x.Envelope.CopyNotice.Copies);
        return already + n.Copies <= permitted
            ? null
            : Verdict($"permission '{n.CopyPermissionId}' allows {permitted} copies; {already} were reported before and this notice adds {n.Copies}.", "copy_notice.copies");
    }
}

/// <summary>Art. 6.5: destruction only after the transferring body's prior written agreement.</summary>
public sealed class DestructionNeedsAgreementRule() : NoticeRule("DESTRUCTION_WITHOUT_AGREEMENT", "Art. 6.5",
    "A destruction notice is refused unless it relies on an agreed destruction agreement for the same transfer and names only carriers the request named.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.DestructionNotice)
        {
            return null;
        }

        var n = e.DestructionNotice;
        if (GrantLookup.Problem(context.Facts, e, n.DestructionAgreementId, Case.DestructionAgreement, Case.DestructionRequest,
            n.TransferId, g => g.Envelope.DestructionAgreement.Agreed) is { } problem)
        {
            return Verdict(problem, "destruction_notice.destruction_agreement_id");
        }

        return GrantLookup.CarrierProblem(context.Facts, e, n.DestructionAgreementId) is { } beyond ? Verdict(beyond, "destruction_notice.carrier_ids") : null;
    }
}

/// <summary>Art. 4.1.5: no third-party access without the transferring Party's prior written consent.</summary>
public sealed class ThirdPartyNeedsConsentRule() : NoticeRule("THIRD_PARTY_WITHOUT_CONSENT", "Art. 4.1.5",
    "A notice of third-party access is refused unless it relies on a granted consent for the same transfer, the same third party and only carriers the request named.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.ThirdPartyDisclosureNotice)
        {
            return null;
        }

        var n = e.ThirdPartyDisclosureNotice;
        if (GrantLookup.Problem(context.Facts, e, n.ConsentId, Case.ThirdPartyDisclosureConsent, Case.ThirdPartyDisclosureRequest, n.TransferId,
            g => g.Envelope.ThirdPartyDisclosureConsent.Granted) is { } problem)
        {
            return Verdict(problem, "third_party_disclosure_notice.consent_id");
        }

        if (GrantLookup.CarrierProblem(context.Facts, e, n.ConsentId) is { } beyond)
        {
            return Verdict(beyond, "third_party_disclosure_notice.carrier_ids");
        }

        var consent = context.Facts.Find(n.ConsentId)!;
        var asked = context.Facts.Find(consent.Envelope.InReplyTo)!.Envelope.ThirdPartyDisclosureRequest.ThirdParty;
        return asked == n.ThirdParty
            ? null
            : Verdict($"consent '{n.ConsentId}' was given for '{asked}', not for '{n.ThirdParty}'.", "third_party_disclosure_notice.third_party");
    }
}
