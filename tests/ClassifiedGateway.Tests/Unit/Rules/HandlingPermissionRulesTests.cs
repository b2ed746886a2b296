using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Handling;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 6.4, 6.5, 4.1.5: copies, destruction and third-party access rely on the transferring Party's written grant for the same transfer.</summary>
public sealed class HandlingPermissionRulesTests
{
    private static readonly CopyNeedsPermissionRule Copy = new();
    private static readonly DestructionNeedsAgreementRule Destruction = new();
    private static readonly ThirdPartyNeedsConsentRule ThirdParty = new();

    /// <summary>
    /// Transfers t-1 and t-2 from Kazakhstan to Turkmenistan, then requests and their answers:
    /// g-ok grants Turkmenistan's request about t-1 (3 copies), g-more another one about t-1 (5 copies), g-refused refuses one,
    /// g-t2 grants one about t-2, g-own grants Kazakhstan's own request about t-1 (answered by Turkmenistan).
    /// </summary>
    private static Envelope[] History(Case requestKind, Case grantKind)
    {
        var ledger = new List<Envelope> { Transfer("t-1"), Transfer("t-2") };
        foreach (var (grant, requester, transfer, granted, copies) in new[]
        {
            ("g-ok", Party.Tm, "t-1", true, 3), ("g-more", Party.Tm, "t-1", true, 5), ("g-refused", Party.Tm, "t-1", false, 0),
            ("g-t2", Party.Tm, "t-2", true, 3), ("g-own", Party.Kz, "t-1", true, 3),
        })
        {
            var request = Notice("r" + grant[1..], requestKind, requester, AuthorizedBody(requester), AuthorizedBody(Other(requester)));
            var answer = Notice(grant, grantKind, Other(requester), AuthorizedBody(Other(requester)), AuthorizedBody(requester), request.Id);
            switch (requestKind)
            {
                case Case.CopyRequest:
                    request.CopyRequest.TransferId = transfer;
                    answer.CopyPermission.Granted = granted;
                    answer.CopyPermission.CopiesPermitted = copies;
                    break;
                case Case.DestructionRequest:
                    request.DestructionRequest.TransferId = transfer;
                    answer.DestructionAgreement.Agreed = granted;
                    break;
                default:
                    request.ThirdPartyDisclosureRequest.TransferId = transfer;
                    request.ThirdPartyDisclosureRequest.ThirdParty = "Org A";
                    answer.ThirdPartyDisclosureConsent.Granted = granted;
                    break;
            }

            ledger.Add(request);
            ledger.Add(answer);
        }

        return [.. ledger];
    }

    /// <summary>Turkmenistan's receiving body reports what it did with t-1.</summary>
    private static Envelope Report(string id, Case kind) => Notice(id, kind, Party.Tm, AuthorizedBody(Party.Tm), AuthorizedBody(Party.Kz));

    private static Envelope CopyNotice(string id, string permission, int copies)
    {
        var e = Report(id, Case.CopyNotice);
        e.CopyNotice.TransferId = "t-1";
        e.CopyNotice.CopyPermissionId = permission;
        e.CopyNotice.Copies = copies;
        return e;
    }

    public static TheoryData<string, string, string, int, string?> CopyCases => new()
    {
        // permission cited, copies reported earlier ("permission:copies"), copies now, field at fault
        { "all permitted copies at once", "g-ok", "", 3, null },
        { "one copy more than permitted", "g-ok", "", 4, "copy_notice.copies" },
        { "earlier copies plus these reach the limit", "g-ok", "g-ok:2", 1, null },
        { "earlier copies plus these exceed the limit", "g-ok", "g-ok:2", 2, "copy_notice.copies" },
        { "limit already used up", "g-ok", "g-ok:3", 1, "copy_notice.copies" },
        { "copies under another permission do not count", "g-ok", "g-more:4", 3, null },
        { "no permission cited", "", "", 1, "copy_notice.copy_permission_id" },
        { "unknown permission", "g-none", "", 1, "copy_notice.copy_permission_id" },
        { "the request cited instead of the permission", "r-ok", "", 1, "copy_notice.copy_permission_id" },
        { "refused permission", "g-refused", "", 1, "copy_notice.copy_permission_id" },
        { "permission for another transfer", "g-t2", "", 1, "copy_notice.copy_permission_id" },
        { "permission answering the other Party's request", "g-own", "", 1, "copy_notice.copy_permission_id" },
    };

    [Theory]
    [MemberData(nameof(CopyCases))]
    public void Copies_need_a_permission_for_the_transfer_and_stay_within_it(string name, string permission, string earlier, int copies, string? field)
    {
        var ledger = History(Case.CopyRequest, Case.CopyPermission).ToList();
        if (earlier.Split(':') is [var cited, var count])
        {
            ledger.Add(CopyNotice("copy-earlier", cited, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)));
        }

        Expect(Copy.Evaluate(Context(CopyNotice("copy-new", permission, copies), [.. ledger])), "COPY_WITHOUT_PERMISSION", "Art. 6.4", field, name);
    }

    public static TheoryData<string, string, string?> DestructionCases => new()
    {
        { "agreed destruction for the transfer", "g-ok", null },
        { "no agreement cited", "", "destruction_notice.destruction_agreement_id" },
        { "unknown agreement", "g-none", "destruction_notice.destruction_agreement_id" },
        { "the request cited instead of the agreement", "r-ok", "destruction_notice.destruction_agreement_id" },
        { "the transferring Party disagreed", "g-refused", "destruction_notice.destruction_agreement_id" },
        { "agreement for another transfer", "g-t2", "destruction_notice.destruction_agreement_id" },
        { "agreement answering the other Party's request", "g-own", "destruction_notice.destruction_agreement_id" },
    };

    [Theory]
    [MemberData(nameof(DestructionCases))]
    public void Destruction_needs_the_prior_agreement_for_the_transfer(string name, string agreement, string? field)
    {
        var notice = Report("dn-new", Case.DestructionNotice);
        notice.DestructionNotice.TransferId = "t-1";
        notice.DestructionNotice.DestructionAgreementId = agreement;

        Expect(Destruction.Evaluate(Context(notice, History(Case.DestructionRequest, Case.DestructionAgreement))),
            "DESTRUCTION_WITHOUT_AGREEMENT", "Art. 6.5", field, name);
    }

    public static TheoryData<string, string, string, string?> ConsentCases => new()
    {
        // consent cited, third party given access, field at fault (consents were asked for "Org A")
        { "consent for the same third party", "g-ok", "Org A", null },
        { "consent given for another third party", "g-ok", "Org B", "third_party_disclosure_notice.third_party" },
        { "no consent cited", "", "Org A", "third_party_disclosure_notice.consent_id" },
        { "unknown consent", "g-none", "Org A", "third_party_disclosure_notice.consent_id" },
        { "consent refused", "g-refused", "Org A", "third_party_disclosure_notice.consent_id" },
        { "consent for another transfer", "g-t2", "Org A", "third_party_disclosure_notice.consent_id" },
        { "consent answering the other Party's request", "g-own", "Org A", "third_party_disclosure_notice.consent_id" },
    };

    [Theory]
    [MemberData(nameof(ConsentCases))]
    public void Third_party_access_needs_consent_for_that_third_party(string name, string consent, string thirdParty, string? field)
    {
        var notice = Report("tp-new", Case.ThirdPartyDisclosureNotice);
        notice.ThirdPartyDisclosureNotice.TransferId = "t-1";
        notice.ThirdPartyDisclosureNotice.ConsentId = consent;
        notice.ThirdPartyDisclosureNotice.ThirdParty = thirdParty;

        Expect(ThirdParty.Evaluate(Context(notice, History(Case.ThirdPartyDisclosureRequest, Case.ThirdPartyDisclosureConsent))),
            "THIRD_PARTY_WITHOUT_CONSENT", "Art. 4.1.5", field, name);
    }

    public static TheoryData<string, Case, string, string, string?> CarrierScopes => new()
    {
        // notice kind, carriers the request named, carriers the notice names ("+"-joined, "" = all of t-1's c-1 and c-2), field at fault
        { "copies of the carrier asked about", Case.CopyNotice, "c-1", "c-1", null },
        { "copies of a carrier not asked about", Case.CopyNotice, "c-1", "c-2", "copy_notice.carrier_ids" },
        { "copies of every carrier when one was asked about", Case.CopyNotice, "c-1", "", "copy_notice.carrier_ids" },
        { "copies of one carrier when all were asked about", Case.CopyNotice, "", "c-2", null },
        { "destruction of the carriers asked about", Case.DestructionNotice, "c-1+c-2", "c-2+c-1", null },
        { "destruction of a carrier not asked about", Case.DestructionNotice, "c-2", "c-1", "destruction_notice.carrier_ids" },
        { "disclosure of the carrier asked about", Case.ThirdPartyDisclosureNotice, "c-2", "c-2", null },
        { "disclosure of every carrier when one was asked about", Case.ThirdPartyDisclosureNotice, "c-2", "", "third_party_disclosure_notice.carrier_ids" },
    };

    [Theory]
    [MemberData(nameof(CarrierScopes))]
    public void A_handling_notice_stays_within_the_carriers_its_request_named(string name, Case kind, string asked, string named, string? field)
    {
        static string[] Ids(string s) => s.Split('+', StringSplitOptions.RemoveEmptyEntries);
        var (requestKind, grantKind, rule, id, article) = kind switch
        {
            Case.CopyNotice => (Case.CopyRequest, Case.CopyPermission, (ClassifiedGateway.Gateway.Rules.INoticeRule)Copy, "COPY_WITHOUT_PERMISSION", "Art. 6.4"),
            Case.DestructionNotice => (Case.DestructionRequest, Case.DestructionAgreement, Destruction, "DESTRUCTION_WITHOUT_AGREEMENT", "Art. 6.5"),
            _ => (Case.ThirdPartyDisclosureRequest, Case.ThirdPartyDisclosureConsent, ThirdParty, "THIRD_PARTY_WITHOUT_CONSENT", "Art. 4.1.5"),
        };
        var request = Notice("r-scoped", requestKind, Party.Tm, AuthorizedBody(Party.Tm), AuthorizedBody(Party.Kz));
        var grant = Notice("g-scoped", grantKind, Party.Kz, AuthorizedBody(Party.Kz), AuthorizedBody(Party.Tm), "r-scoped");
        var notice = Report("n-scoped", kind);
        switch (kind)
        {
            case Case.CopyNotice:
                request.CopyRequest.CarrierIds.Add(Ids(asked));
                grant.CopyPermission.Granted = true;
                grant.CopyPermission.CopiesPermitted = 2;
                notice.CopyNotice = new() { TransferId = "t-1", CopyPermissionId = "g-scoped", Copies = 1, CarrierIds = { Ids(named) } };
                break;
            case Case.DestructionNotice:
                request.DestructionRequest.CarrierIds.Add(Ids(asked));
                grant.DestructionAgreement.Agreed = true;
                notice.DestructionNotice.TransferId = "t-1";
                notice.DestructionNotice.DestructionAgreementId = "g-scoped";
                notice.DestructionNotice.CarrierIds.Add(Ids(named));
                break;
            default:
                request.ThirdPartyDisclosureRequest.CarrierIds.Add(Ids(asked));
                request.ThirdPartyDisclosureRequest.ThirdParty = "Org A";
                grant.ThirdPartyDisclosureConsent.Granted = true;
                notice.ThirdPartyDisclosureNotice = new() { TransferId = "t-1", ConsentId = "g-scoped", ThirdParty = "Org A", CarrierIds = { Ids(named) } };
                break;
        }

        Expect(rule.Evaluate(Context(notice, Transfer("t-1", "Secret+Secret"), request, grant)), id, article, field, name);
    }

    [Fact]
    public void Other_notices_pass_all_three()
    {
        var context = Context(Report("c-1", Case.ConsultationRequest), History(Case.CopyRequest, Case.CopyPermission));
        Passes(Copy.Evaluate(context), "copy");
        Passes(Destruction.Evaluate(context), "destruction");
        Passes(ThirdParty.Evaluate(context), "third party");
    }
}
