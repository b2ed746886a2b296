using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 15: the agreement's state over its life, as the ledger grows.</summary>
public sealed class AgreementCalculatorTests
{
    private static readonly RulesOptions FromNotices = new() { EntryIntoForce = null };

    /// <summary>
    /// Kazakhstan notifies on 9 January (received 10 January), Turkmenistan on 19 January (received 20 January);
    /// Turkmenistan gives notice of termination on 1 March, Kazakhstan receives it on 10 March.
    /// </summary>
    private static readonly LedgerEntry[] Life =
    [
        .. AgreementRulesTests.Held("dp-kz", Case.DomesticProceduresCompleted, Party.Kz, "2027-01-10T10:00:00+05:00"),
        .. AgreementRulesTests.Held("dp-tm", Case.DomesticProceduresCompleted, Party.Tm, "2027-01-20T10:00:00+05:00"),
        .. AgreementRulesTests.Held("term-1", Case.TerminationNotice, Party.Tm, "2027-03-10T10:00:00+05:00")
            .Select(e => e with { AcceptedAt = At("2027-03-01T10:00:00+05:00") }),
    ];

    /// <summary>The ledger as it stood at <paramref name="now"/>: later notices absent, later receipts not yet recorded.</summary>
    private static List<LedgerEntry> AsOf(IEnumerable<LedgerEntry> entries, DateTimeOffset now) =>
    [
        .. entries.Where(e => e.AcceptedAt <= now).Select(e => e.ReceivedAt <= now ? e : e with { ReceivedAt = null }),
    ];

    public static TheoryData<string, string, AgreementStatus, string, string, string, string> Sequence => new()
    {
        // now, status, in force since, termination notice, termination received on, terminates on
        { "nothing notified yet", "2027-01-05T10:00:00+05:00", AgreementStatus.NotInForce, "", "", "", "" },
        { "Kazakhstan's notification received", "2027-01-15T10:00:00+05:00", AgreementStatus.NotInForce, "", "", "", "" },
        { "Turkmenistan's sent, receipt not recorded", "2027-01-20T09:30:00+05:00", AgreementStatus.NotInForce, "", "", "", "" },
        { "both received: in force from that day", "2027-01-20T10:00:00+05:00", AgreementStatus.InForce, "2027-01-20", "", "", "" },
        { "in force, no termination", "2027-02-28T10:00:00+05:00", AgreementStatus.InForce, "2027-01-20", "", "", "" },
        { "termination sent, not yet received", "2027-03-05T10:00:00+05:00", AgreementStatus.InForce, "2027-01-20", "term-1", "", "" },
        { "termination received", "2027-03-10T10:00:00+05:00", AgreementStatus.TerminationPending, "2027-01-20", "term-1", "2027-03-10", "2027-09-10" },
        { "last day in force (civil code)", "2027-09-10T23:59:59+05:00", AgreementStatus.TerminationPending, "2027-01-20", "term-1", "2027-03-10", "2027-09-10" },
        { "first terminated day", "2027-09-11T00:00:00+05:00", AgreementStatus.Terminated, "2027-01-20", "term-1", "2027-03-10", "2027-09-10" },
        { "long after", "2030-01-01T00:00:00+05:00", AgreementStatus.Terminated, "2027-01-20", "term-1", "2027-03-10", "2027-09-10" },
    };

    [Theory]
    [MemberData(nameof(Sequence))]
    public void Status_follows_the_notices_and_the_calendar(string name, string now, AgreementStatus status, string since,
        string terminationId, string receivedOn, string terminatesOn)
    {
        var ledger = AsOf(Life, At(now));

        var state = AgreementCalculator.Compute(FromNotices, Zones, Party.Kz,
            [.. ledger.Where(e => e.Envelope.NoticeCase == Case.DomesticProceduresCompleted)],
            [.. ledger.Where(e => e.Envelope.NoticeCase == Case.TerminationNotice)], At(now));

        Assert.True(status == state.Status, $"{name}: expected {status}, got {state.Status}");
        Assert.Equal(since, Day(state.InForceSince));
        Assert.Equal(terminationId, state.TerminationNoticeId);
        Assert.Equal(receivedOn, Day(state.TerminationReceivedOn));
        Assert.Equal(terminatesOn, Day(state.TerminatesOn));
    }

    public static TheoryData<string, string, string, AgreementStatus, string> Configured => new()
    {
        // configured entry into force, now, status, in force since (shown even while in the future)
        { "configured day in the future", "2027-03-02", "2027-03-01T23:59:59+05:00", AgreementStatus.NotInForce, "2027-03-02" },
        { "configured day reached", "2027-03-02", "2027-03-02T00:00:00+05:00", AgreementStatus.InForce, "2027-03-02" },
        { "configured day long past", "2017-09-07", "2027-03-01T10:00:00+05:00", AgreementStatus.InForce, "2017-09-07" },
    };

    [Theory]
    [MemberData(nameof(Configured))]
    public void A_configured_entry_into_force_is_used_as_is(string name, string configured, string now, AgreementStatus status, string since)
    {
        var options = new RulesOptions { EntryIntoForce = DateOnly.Parse(configured, System.Globalization.CultureInfo.InvariantCulture) };

        var state = AgreementCalculator.Compute(options, Zones, Party.Tm, [], [], At(now));

        Assert.True(status == state.Status, $"{name}: expected {status}, got {state.Status}");
        Assert.Equal(since, Day(state.InForceSince));
        Assert.Equal("", state.TerminationNoticeId);
    }

    [Fact]
    public void The_first_termination_notice_accepted_counts()
    {
        var first = AgreementRulesTests.Held("term-1", Case.TerminationNotice, Party.Kz, "2027-03-10T10:00:00+05:00");
        var second = AgreementRulesTests.Held("term-2", Case.TerminationNotice, Party.Tm, "2027-04-10T10:00:00+05:00");

        var state = AgreementCalculator.Compute(new RulesOptions(), Zones, Party.Kz, [], [.. second, .. first], At("2027-09-11T00:00:00+05:00"));

        Assert.Equal(AgreementStatus.Terminated, state.Status);
        Assert.Equal("term-1", state.TerminationNoticeId);
        Assert.Equal("2027-09-10", Day(state.TerminatesOn));
    }
}
