using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Rules.Agreement;
using ClassifiedGateway.Gateway.Rules.Obligations;
using ClassifiedGateway.Gateway.Rules.Visits;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Input;

/// <summary>Rule and policy windows at the ends of the calendar: clamped, never an exception.</summary>
public sealed class WindowArithmeticTests
{
    private static readonly Microsoft.Extensions.Options.IOptions<PolicyOptions> Policy = Microsoft.Extensions.Options.Options.Create(new PolicyOptions());
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2027-01-10T10:00:00Z");

    [Fact]
    public void A_visit_on_the_first_day_of_year_1_is_refused_as_late_not_thrown()
    {
        var envelope = Notices.Envelope("v", Party.Kz, Now, Case.VisitRequest);
        envelope.VisitRequest.FirstDay = new CalendarDate { Year = 1, Month = 1, Day = 1 };

        var verdict = new VisitRequestLeadTimeRule(RuleTesting.Zones).Evaluate(RuleTesting.Context(envelope, Now));
        var plan = new VisitDecisionDueRule(RuleTesting.Zones).Plan(envelope, Now);

        Assert.NotNull(verdict);
        Assert.Equal(DateTimeOffset.MinValue, plan!.DueAt);
    }

    [Fact]
    public void A_transfer_dispatched_on_the_last_day_of_9999_has_its_receipt_due_clamped()
    {
        var envelope = Notices.Envelope("t", Party.Kz, Now, Case.TransferNotice);
        envelope.TransferNotice.DispatchedAt = new Timestamp { Seconds = 253_402_300_799 };

        var plan = new ReceiptDueRule(Policy).Plan(envelope, Now);

        Assert.Equal(DateTimeOffset.MaxValue, plan!.DueAt);
    }

    [Theory]
    [InlineData(253_402_300_800L, 0)]
    [InlineData(-62_135_596_801L, 0)]
    [InlineData(1_800_000_000L, 1_000_000_000)]
    public void A_late_notice_rule_never_converts_an_out_of_range_event_time(long seconds, int nanos)
    {
        var envelope = Notices.Envelope("b", Party.Kz, Now, Case.BreachNotification);
        envelope.BreachNotification.DiscoveredAt = new Timestamp { Seconds = seconds, Nanos = nanos };

        Assert.Null(new BreachNotificationLateRule(Policy).Evaluate(RuleTesting.Context(envelope, Now)));
    }

    [Fact]
    public void A_breach_discovered_in_year_1_is_flagged_late_without_overflow()
    {
        var envelope = Notices.Envelope("b", Party.Kz, Now, Case.BreachNotification);
        envelope.BreachNotification.DiscoveredAt = new Timestamp { Seconds = -62_135_596_800 };

        Assert.NotNull(new BreachNotificationLateRule(Policy).Evaluate(RuleTesting.Context(envelope, Now)));
    }
}
