using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;

namespace ClassifiedGateway.Gateway.Rules.Transfers;

/// <summary>Art. 5.1: a transfer needs a positive, unexpired clearance confirmation for the receiving body, at a level covering every carrier.</summary>
public sealed class TransferNeedsClearanceRule(HostTimeZones zones) : NoticeRule("TRANSFER_NEEDS_CLEARANCE", "Art. 5.1",
    "A transfer is refused unless the receiving authorized body's latest clearance confirmation is positive, valid on the transfer day and at least the highest carrier level.",
    RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Envelope.NoticeOneofCase.TransferNotice)
        {
            return null;
        }

        var needed = Levels.Highest(e.TransferNotice.Carriers.Select(c => c.Level));
        var held = context.Facts.ByKey(LedgerKeys.Clearance(e.ReceiverParty, e.ReceiverBody));
        var latest = held.Count > 0 ? held[^1] : null;
        if (latest is null)
        {
            return Verdict($"no clearance confirmation is held for '{e.ReceiverBody}'; ask its competent body first.", "envelope.receiver_body");
        }

        var confirmation = latest.Envelope.ClearanceConfirmation;
        if (!confirmation.Confirmed)
        {
            return Verdict($"the latest clearance confirmation for '{e.ReceiverBody}' ({latest.Id}) says it holds no clearance.", "envelope.receiver_body");
        }

        var today = zones.DateIn(e.ReceiverParty, context.DecisionTime);
        if (CalendarDates.TryToDateOnly(confirmation.ValidUntil, out var until) && until < today)
        {
            return Verdict($"the clearance of '{e.ReceiverBody}' expired on {until:yyyy-MM-dd} ({latest.Id}).", "envelope.receiver_body");
        }

        return Levels.Covers(confirmation.LevelHeld, needed)
            ? null
            : Verdict($"'{e.ReceiverBody}' is cleared to {Levels.Name(confirmation.LevelHeld)}, below the carriers' {Levels.Name(needed)}.",
                "transfer_notice.carriers");
    }
}
