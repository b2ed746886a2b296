using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Rules;

/// <summary>Art. 9.2: a visit request is sent no later than one calendar month before the visit's first day.</summary>
/// <remarks>Dates are the host Party's civil dates; AddMonths clamps month ends (31 March → 28/29 February).</remarks>
public sealed class VisitRequestLeadTimeRule(HostTimeZones zones) : INoticeRule
{
    public const string RuleId = "VISIT_REQUEST_TOO_LATE";

    public string Id => RuleId;

    public string Article => "Art. 9.2";

    public RuleVerdict? Evaluate(RuleContext context)
    {
        var envelope = context.Envelope;
        if (envelope.NoticeCase != Envelope.NoticeOneofCase.VisitRequest
            || !CalendarDates.TryToDateOnly(envelope.VisitRequest.FirstDay, out var firstDay))
        {
            return null;
        }

        var host = envelope.ReceiverParty;
        var latest = firstDay.AddMonths(-1);
        var submitted = zones.DateIn(host, context.DecisionTime);
        if (submitted <= latest)
        {
            return null;
        }

        return new RuleVerdict(Id, Article, RuleOutcome.Refuse,
            $"Art. 9.2: a visit on {firstDay:yyyy-MM-dd} must be requested by {latest:yyyy-MM-dd}; this request was submitted on {submitted:yyyy-MM-dd}.",
            ["visit_request.first_day"]);
    }
}
