using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Agreement;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 15: entry into force, termination six calendar months after receipt, one termination at a time; protection traffic always flows.</summary>
public sealed class AgreementRulesTests
{
    private const string NotInForce = "AGREEMENT_NOT_IN_FORCE";
    private const string Terminated = "AGREEMENT_TERMINATED";
    private const string Pending = "TERMINATION_ALREADY_PENDING";

    private static readonly Dictionary<string, (INoticeRule Rule, string Article)> Rules = new()
    {
        [NotInForce] = (new AgreementNotInForceRule(), "Art. 15.1"),
        [Terminated] = (new AgreementTerminatedRule(), "Art. 15.2, 15.3"),
        [Pending] = (new TerminationAlreadyPendingRule(), "Art. 15.2"),
    };

    /// <summary>A notice the ledger holds: "none" leaves it out, "unreceived" is sent without a recorded receipt, else the receipt instant.</summary>
    internal static LedgerEntry[] Held(string id, Case kind, Party from, string received)
    {
        if (received == "none")
        {
            return [];
        }

        DateTimeOffset? at = received == "unreceived" ? null : At(received);
        var accepted = at?.AddHours(-1) ?? At("2027-03-01T10:00:00+05:00");
        return [new LedgerEntry(id, Notice(id, kind, from, at: accepted), Direction.Outbound, Stage.Relayed, accepted, at)];
    }

    /// <summary>Each agreement rule returns a verdict only when it is the one expected, and then a refusal of the notice as a whole.</summary>
    private static void ExpectOnly(string? expected, RuleContext context, string because)
    {
        foreach (var (id, (rule, article)) in Rules)
        {
            var verdict = rule.Evaluate(context);
            if (id == expected)
            {
                RefusedAsAWhole(verdict, id, article, because);
            }
            else
            {
                Passes(verdict, $"{because} ({id})");
            }
        }
    }

    public static TheoryData<string, string, string, string, string, bool> EntryIntoForce => new()
    {
        // configured entry into force ("" none), Kazakhstan's and Turkmenistan's notification receipts, transfer decided at, refused?
        { "configured in 2017", "2017-09-07", "none", "none", "2027-03-01T10:00:00+05:00", false },
        { "configured for tomorrow", "2027-03-02", "none", "none", "2027-03-01T23:59:59+05:00", true },
        { "configured: in force from the first second of the day", "2027-03-02", "none", "none", "2027-03-02T00:00:00+05:00", false },
        { "configured, time zone: 18:59:59Z on 1 March is still 1 March", "2027-03-02", "none", "none", "2027-03-01T18:59:59Z", true },
        { "configured, time zone: 19:00Z on 1 March is 2 March", "2027-03-02", "none", "none", "2027-03-01T19:00:00Z", false },
        { "configured date wins over the notifications", "2027-03-02", "2027-02-10T10:00:00+05:00", "2027-02-20T10:00:00+05:00", "2027-03-01T10:00:00+05:00", true },
        { "no configuration, no notification", "", "none", "none", "2027-03-01T10:00:00+05:00", true },
        { "only Kazakhstan's notification received", "", "2027-02-10T10:00:00+05:00", "none", "2027-03-01T10:00:00+05:00", true },
        { "Turkmenistan's notification sent, receipt not recorded", "", "2027-02-10T10:00:00+05:00", "unreceived", "2027-03-01T10:00:00+05:00", true },
        { "both received: the day before the later receipt", "", "2027-02-10T10:00:00+05:00", "2027-02-20T10:00:00+05:00", "2027-02-19T23:59:59+05:00", true },
        { "both received: from the later receipt day", "", "2027-02-10T10:00:00+05:00", "2027-02-20T10:00:00+05:00", "2027-02-20T00:00:00+05:00", false },
        { "both received, Kazakhstan's later: the day before", "", "2027-02-20T10:00:00+05:00", "2027-02-10T10:00:00+05:00", "2027-02-19T23:59:59+05:00", true },
        { "both received, Kazakhstan's later: that day", "", "2027-02-20T10:00:00+05:00", "2027-02-10T10:00:00+05:00", "2027-02-20T00:00:00+05:00", false },
        { "later receipt at 19:30Z falls on the next host day: not yet", "", "2027-02-10T10:00:00+05:00", "2027-02-19T19:30:00Z", "2027-02-19T23:59:59+05:00", true },
        { "later receipt at 19:30Z falls on the next host day: then", "", "2027-02-10T10:00:00+05:00", "2027-02-19T19:30:00Z", "2027-02-20T00:00:00+05:00", false },
    };

    [Theory]
    [MemberData(nameof(EntryIntoForce))]
    public void In_force_from_the_configured_day_or_the_later_receipt_day(string name, string configured, string kz, string tm, string decidedAt, bool refused)
    {
        var options = new RulesOptions { EntryIntoForce = configured.Length == 0 ? null : DateOnly.Parse(configured, CultureInfo.InvariantCulture) };
        var ledger = Held("dp-kz", Case.DomesticProceduresCompleted, Party.Kz, kz).Concat(Held("dp-tm", Case.DomesticProceduresCompleted, Party.Tm, tm));

        var context = RuleTesting.Context(Transfer("t-1"), At(decidedAt), options, [.. ledger]);

        ExpectOnly(refused ? NotInForce : null, context, name);
    }

    public static TheoryData<string, Case, bool> KindsBeforeEntryIntoForce => new()
    {
        { "transfer", Case.TransferNotice, true },
        { "visit request", Case.VisitRequest, true },
        { "copy request", Case.CopyRequest, true },
        { "clearance confirmation request", Case.ClearanceConfirmationRequest, true },
        { "contract registration", Case.ContractRegistration, true },
        { "termination", Case.TerminationNotice, true },
        { "the domestic-procedures notification itself", Case.DomesticProceduresCompleted, false },
        { "breach notification", Case.BreachNotification, false },
        { "classification change", Case.ClassificationChange, false },
        { "destruction notice", Case.DestructionNotice, false },
        { "receipt confirmation", Case.ReceiptConfirmation, false },
        { "competent-body change", Case.CompetentBodyChange, false },
    };

    [Theory]
    [MemberData(nameof(KindsBeforeEntryIntoForce))]
    public void Before_entry_into_force_only_protection_traffic_flows(string name, Case kind, bool refused)
    {
        var context = RuleTesting.Context(Notice("n-1", kind, Party.Kz), Now, new RulesOptions { EntryIntoForce = null });

        ExpectOnly(refused ? NotInForce : null, context, name);
    }

    public static TheoryData<string, string, string, Case, string?> Termination => new()
    {
        // receipt of Kazakhstan's termination notice by Turkmenistan, decided at, notice, the rule that refuses it (default reading: civil code)
        { "no termination notice: a termination passes", "none", "2027-03-01T10:00:00+05:00", Case.TerminationNotice, null },
        { "sent, receipt not recorded: transfers still flow", "unreceived", "2028-01-01T10:00:00+05:00", Case.TransferNotice, null },
        { "sent, receipt not recorded: a second termination", "unreceived", "2028-01-01T10:00:00+05:00", Case.TerminationNotice, Pending },
        { "received 10 March: transfers flow while pending", "2027-03-10T10:00:00+05:00", "2027-06-01T10:00:00+05:00", Case.TransferNotice, null },
        { "received 10 March: a second termination while pending", "2027-03-10T10:00:00+05:00", "2027-06-01T10:00:00+05:00", Case.TerminationNotice, Pending },
        { "received 10 March: 10 September is the last day in force (civil code)", "2027-03-10T10:00:00+05:00", "2027-09-10T23:59:59+05:00", Case.TransferNotice, null },
        { "received 10 March: 11 September is the first terminated day", "2027-03-10T10:00:00+05:00", "2027-09-11T00:00:00+05:00", Case.TransferNotice, Terminated },
        { "received 10 March: a termination after termination", "2027-03-10T10:00:00+05:00", "2027-09-11T00:00:00+05:00", Case.TerminationNotice, Terminated },
        { "decision time zone: 18:59:59Z on 10 September is still pending", "2027-03-10T10:00:00+05:00", "2027-09-10T18:59:59Z", Case.TransferNotice, null },
        { "decision time zone: 19:00Z on 10 September is 11 September", "2027-03-10T10:00:00+05:00", "2027-09-10T19:00:00Z", Case.TransferNotice, Terminated },
        { "receipt at 19:30Z on 9 March is 10 March: 10 September pending", "2027-03-09T19:30:00Z", "2027-09-10T23:59:59+05:00", Case.TransferNotice, null },
        { "receipt at 19:30Z on 9 March is 10 March: 11 September terminated", "2027-03-09T19:30:00Z", "2027-09-11T00:00:00+05:00", Case.TransferNotice, Terminated },
        { "received 31 August 2027: leap 29 February 2028 still in force", "2027-08-31T10:00:00+05:00", "2028-02-29T23:59:59+05:00", Case.TransferNotice, null },
        { "received 31 August 2027: 1 March 2028 terminated", "2027-08-31T10:00:00+05:00", "2028-03-01T00:00:00+05:00", Case.TransferNotice, Terminated },
        { "received 31 August 2026: 28 February 2027 still in force", "2026-08-31T10:00:00+05:00", "2027-02-28T23:59:59+05:00", Case.TransferNotice, null },
        { "received 31 August 2026: 1 March 2027 terminated", "2026-08-31T10:00:00+05:00", "2027-03-01T00:00:00+05:00", Case.TransferNotice, Terminated },
    };

    [Theory]
    [MemberData(nameof(Termination))]
    public void Terminated_six_calendar_months_after_the_receipt_day(string name, string received, string decidedAt, Case kind, string? expected)
    {
        var context = RuleTesting.Context(Notice("n-1", kind, Party.Tm), At(decidedAt), Held("term-1", Case.TerminationNotice, Party.Kz, received));

        ExpectOnly(expected, context, name);
    }

    public static TheoryData<string, Case, bool> KindsAfterTermination => new()
    {
        { "transfer", Case.TransferNotice, true },
        { "visit request", Case.VisitRequest, true },
        { "copy request", Case.CopyRequest, true },
        { "clearance confirmation request", Case.ClearanceConfirmationRequest, true },
        { "contract registration", Case.ContractRegistration, true },
        { "breach notification", Case.BreachNotification, false },
        { "investigation result", Case.InvestigationResult, false },
        { "classification change", Case.ClassificationChange, false },
        { "destruction request", Case.DestructionRequest, false },
        { "destruction agreement", Case.DestructionAgreement, false },
        { "destruction notice", Case.DestructionNotice, false },
        { "third-party consent", Case.ThirdPartyDisclosureConsent, false },
        { "receipt confirmation", Case.ReceiptConfirmation, false },
    };

    [Theory]
    [MemberData(nameof(KindsAfterTermination))]
    public void After_termination_protection_traffic_still_flows(string name, Case kind, bool refused)
    {
        var context = RuleTesting.Context(Notice("n-1", kind, Party.Tm), At("2027-12-01T10:00:00+05:00"),
            Held("term-1", Case.TerminationNotice, Party.Kz, "2027-03-10T10:00:00+05:00"));

        ExpectOnly(refused ? Terminated : null, context, name);
        if (refused)
        {
            Assert.Contains("last day in force 2027-09-10, read as CivilCode", Rules[Terminated].Rule.Evaluate(context)!.Message, StringComparison.Ordinal);
        }
    }
}
