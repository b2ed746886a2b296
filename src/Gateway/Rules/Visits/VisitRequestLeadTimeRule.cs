using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Rules.Visits;

/// <summary>Art. 9.2: a visit request is sent no later than one calendar month before the visit's first day.</summary>
/// <remarks>Dates are the host Party's civil dates; AddMonths clamps month ends (31 March → 28/29 February).</remarks>
public sealed class VisitRequestLeadTimeRule(HostTimeZones zones) : NoticeRule(RuleId, "Art. 9.2",
    "A visit request is submitted no later than the visit's first day minus one calendar month, in the host's time zone (month ends clamp).",
    RuleOutcome.Refuse)
{
    public const string RuleId = "VISIT_REQUEST_TOO_LATE";

    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var envelope = context.Envelope;
        if (envelope.NoticeCase != Envelope.NoticeOneofCase.VisitRequest
            || !CalendarDates.TryToDateOnly(envelope.VisitRequest.FirstDay, out var firstDay))
        {
            return null;
        }

        // A first day in January of year 1 has no month before it: nothing can be early enough.
        var latest = firstDay.Year == 1 && firstDay.Month == 1 ? DateOnly.MinValue : firstDay.AddMonths(-1);
        var submitted = zones.DateIn(envelope.ReceiverParty, context.DecisionTime);
        return submitted <= latest
            ? null
            : Verdict($"a visit on {firstDay:yyyy-MM-dd} must be requested by {latest:yyyy-MM-dd}; this request was submitted on {submitted:yyyy-MM-dd}.",
                "visit_request.first_day");
    }
}
