using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Obligations;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Obligations a notice opens: who owes what, by when; the policy periods say they are policy.</summary>
public sealed class ObligationRulesTests
{
    /// <summary>Notices are created and dispatched at 08:00 and accepted at 10:00 (host time).</summary>
    private static readonly DateTimeOffset Dispatched = At("2027-03-01T08:00:00+05:00");
    private static readonly DateTimeOffset Accepted = At("2027-03-01T10:00:00+05:00");

    private static readonly Dictionary<string, string> Articles = new()
    {
        ["RECEIPT_CONFIRMATION_DUE"] = "Art. 5.4",
        ["CLEARANCE_CONFIRMATION_DUE"] = "Art. 5.1",
        ["INVESTIGATION_RESULT_DUE"] = "Art. 11",
        ["VISIT_DECISION_DUE"] = "Art. 9",
    };

    private static IObligationRule[] Rules(PolicyOptions? policy = null) =>
    [
        new ReceiptDueRule(Policy(policy)), new ClearanceConfirmationDueRule(Policy(policy)),
        new VisitDecisionDueRule(Zones), new InvestigationResultDueRule(Policy(policy)),
    ];

    private static Envelope Opening(Case kind, Party from)
    {
        if (kind == Case.TransferNotice)
        {
            return Transfer("n-1", from: from, at: Dispatched);
        }

        var authorized = kind is Case.BreachNotification or Case.InvestigationResult or Case.ReceiptConfirmation;
        var e = Notice("n-1", kind, from, authorized ? AuthorizedBody(from) : null, authorized ? AuthorizedBody(Other(from)) : null, at: Dispatched);
        if (kind == Case.VisitRequest)
        {
            e.VisitRequest.FirstDay = Date("2027-05-10");
        }

        return e;
    }

    public static TheoryData<string, Case, Party, string, string, Party, string, Case> Plans => new()
    {
        // opening notice and its sender; obligation, due at, debtor Party and body, notice that closes it ("" obligation: none)
        { "transfer: receipt due 10 days after dispatch, not acceptance", Case.TransferNotice, Party.Kz,
            "RECEIPT_CONFIRMATION_DUE", "2027-03-11T08:00:00+05:00", Party.Tm, Notices.TmAuthorizedBody, Case.ReceiptConfirmation },
        { "transfer from Turkmenistan: Kazakhstan's body owes the receipt", Case.TransferNotice, Party.Tm,
            "RECEIPT_CONFIRMATION_DUE", "2027-03-11T08:00:00+05:00", Party.Kz, Notices.KzAuthorizedBody, Case.ReceiptConfirmation },
        { "clearance request: the asked competent body, 30 days after acceptance", Case.ClearanceConfirmationRequest, Party.Kz,
            "CLEARANCE_CONFIRMATION_DUE", "2027-03-31T10:00:00+05:00", Party.Tm, Notices.TmCompetentBody, Case.ClearanceConfirmation },
        { "breach: the notifier owes the investigation result in 30 days", Case.BreachNotification, Party.Kz,
            "INVESTIGATION_RESULT_DUE", "2027-03-31T10:00:00+05:00", Party.Kz, Notices.KzAuthorizedBody, Case.InvestigationResult },
        { "breach notified by Turkmenistan: Turkmenistan owes the result", Case.BreachNotification, Party.Tm,
            "INVESTIGATION_RESULT_DUE", "2027-03-31T10:00:00+05:00", Party.Tm, Notices.TmAuthorizedBody, Case.InvestigationResult },
        { "visit to Turkmenistan: decided by 00:00 (UTC+5) of the first day", Case.VisitRequest, Party.Kz,
            "VISIT_DECISION_DUE", "2027-05-09T19:00:00Z", Party.Tm, Notices.TmCompetentBody, Case.VisitDecision },
        { "visit to Kazakhstan: decided by 00:00 (UTC+5) of the first day", Case.VisitRequest, Party.Tm,
            "VISIT_DECISION_DUE", "2027-05-10T00:00:00+05:00", Party.Kz, Notices.KzCompetentBody, Case.VisitDecision },
        { "receipt confirmation opens nothing", Case.ReceiptConfirmation, Party.Tm, "", "", Party.Unspecified, "", Case.None },
        { "clearance confirmation opens nothing", Case.ClearanceConfirmation, Party.Tm, "", "", Party.Unspecified, "", Case.None },
        { "investigation result opens nothing", Case.InvestigationResult, Party.Kz, "", "", Party.Unspecified, "", Case.None },
        { "visit decision opens nothing", Case.VisitDecision, Party.Tm, "", "", Party.Unspecified, "", Case.None },
        { "consultation request opens nothing", Case.ConsultationRequest, Party.Kz, "", "", Party.Unspecified, "", Case.None },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void A_notice_opens_its_obligation(string name, Case kind, Party from, string id, string due, Party debtor, string body, Case closedBy)
    {
        var plans = Rules().Select(r => r.Plan(Opening(kind, from), Accepted)).OfType<ObligationPlan>().ToList();

        if (id.Length == 0)
        {
            Assert.True(plans.Count == 0, $"{name}: expected no obligation, got {string.Join(", ", plans.Select(p => p.RuleId))}");
            return;
        }

        var plan = Assert.Single(plans);
        Assert.Equal(id, plan.RuleId);
        Assert.Equal(Articles[id], plan.Article);
        Assert.Equal(At(due), plan.DueAt);
        Assert.Equal(debtor, plan.DebtorParty);
        Assert.Equal(body, plan.DebtorBody);
        Assert.Equal(closedBy, plan.ClosedBy);
        var policy = id != "VISIT_DECISION_DUE";
        Assert.True(policy == plan.Policy, $"{name}: policy should be {policy}");
        Assert.True(policy == plan.Description.Contains("policy", StringComparison.Ordinal), $"{name}: {plan.Description}");
    }

    public static TheoryData<string, Case> Owners => new()
    {
        { "RECEIPT_CONFIRMATION_DUE", Case.TransferNotice },
        { "CLEARANCE_CONFIRMATION_DUE", Case.ClearanceConfirmationRequest },
        { "VISIT_DECISION_DUE", Case.VisitRequest },
        { "INVESTIGATION_RESULT_DUE", Case.BreachNotification },
    };

    [Theory]
    [MemberData(nameof(Owners))]
    public void Each_rule_opens_only_on_its_own_kind(string id, Case opensOn)
    {
        var rule = Assert.Single(Rules(), r => r.Id == id);
        foreach (var kind in Notices.AllKinds)
        {
            var plan = rule.Plan(Opening(kind, Party.Kz), Accepted);
            Assert.True((kind == opensOn) == (plan is not null), $"{id} on {kind}: {plan?.Description ?? "no plan"}");
        }

        Assert.Equal(RuleOutcome.Flag, rule.Outcome);
        Assert.Equal(Articles[id], rule.Article);
        if (id == "VISIT_DECISION_DUE")
        {
            Assert.Null(rule.PolicyDefault);
        }
        else
        {
            Assert.Contains("policy", rule.PolicyDefault, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, Case, string, string> ConfiguredPolicy => new()
    {
        // with every policy period set to 2 days: obligation, due at, how the description says it
        { "receipt due 2 days after dispatch", Case.TransferNotice, "2027-03-03T08:00:00+05:00", "2 days (policy, not treaty text)" },
        { "clearance due 2 days after the request", Case.ClearanceConfirmationRequest, "2027-03-03T10:00:00+05:00", "2 days (policy, not treaty text)" },
        { "investigation result due 2 days after the breach notice", Case.BreachNotification, "2027-03-03T10:00:00+05:00", "2 days (policy, not treaty text)" },
    };

    [Theory]
    [MemberData(nameof(ConfiguredPolicy))]
    public void Policy_periods_follow_the_configuration(string name, Case kind, string due, string says)
    {
        var twoDays = new PolicyOptions
        {
            ReceiptConfirmationDue = TimeSpan.FromDays(2), ClearanceConfirmationDue = TimeSpan.FromDays(2), InvestigationResultDue = TimeSpan.FromDays(2),
        };

        var plan = Assert.Single(Rules(twoDays).Select(r => r.Plan(Opening(kind, Party.Kz), Accepted)).OfType<ObligationPlan>());

        Assert.True(At(due) == plan.DueAt, $"{name}: due {plan.DueAt:O}");
        Assert.Contains(says, plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transfer_without_a_dispatch_time_counts_from_acceptance()
    {
        var transfer = Opening(Case.TransferNotice, Party.Kz);
        transfer.TransferNotice.DispatchedAt = null;

        var plan = new ReceiptDueRule(Policy()).Plan(transfer, Accepted);

        Assert.Equal(At("2027-03-11T10:00:00+05:00"), plan?.DueAt);
    }

    [Fact]
    public void A_visit_request_without_a_valid_first_day_opens_nothing()
    {
        var visit = Opening(Case.VisitRequest, Party.Kz);
        visit.VisitRequest.FirstDay = new CalendarDate { Year = 2027, Month = 2, Day = 30 };

        Assert.Null(new VisitDecisionDueRule(Zones).Plan(visit, Accepted));
    }
}
