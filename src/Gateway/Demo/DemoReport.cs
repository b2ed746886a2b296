using System.Globalization;
using System.Text;
using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>Prints each demo message's stages, as its sending node records them.</summary>
internal static class DemoReport
{
    public static async Task<string> BuildAsync(IReadOnlyList<DemoStep> steps, CancellationToken cancellationToken)
    {
        await WaitSettledAsync(steps, cancellationToken);
        var text = new StringBuilder();
        var number = 0;
        foreach (var step in steps)
        {
            number++;
            var e = step.Envelope;
            var route = $"{step.Sender.Name} {e.SenderBody} -> {(step.Sender.Code == "KZ" ? "TM" : "KZ")} {e.ReceiverBody}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{number}. {step.Title}");
            text.AppendLine(CultureInfo.InvariantCulture, $"   {e.NoticeCase} {e.Id}  [{route}]");
            var record = (await step.Sender.Party.GetMessageAsync(new GetMessageRequest { MessageId = e.Id }, cancellationToken: cancellationToken)).Message;
            foreach (var h in record.History)
            {
                var at = h.At.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
                var why = h.Refusal is null ? h.Detail : $"{h.Refusal.RuleId} — {h.Refusal.Message}";
                var label = h.EventKind switch
                {
                    EventKind.Flag => "FLAGGED",
                    EventKind.Overdue => "OVERDUE",
                    _ => Name(h.Stage),
                };
                text.AppendLine(CultureInfo.InvariantCulture, $"     {at}Z  {label,-13} {why}");
            }

            if (step.Refusal is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"     the submitter was told: {step.Refusal}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"     now: {Name(record.Stage)}");
        }

        return text.ToString();
    }

    /// <summary>The KZ operators' view once the clocks moved: the agreement's state and what is owed, overdue first.</summary>
    public static async Task<string> ObligationsAsync(DemoNode node, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        ListObligationsResponse list;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            list = await node.Operator.ListObligationsAsync(new ListObligationsRequest { OpenOnly = true }, cancellationToken: timeout.Token);
        }
        while (!list.Obligations.Any(o => o.OverdueSince is not null));

        var state = (await node.Operator.GetAgreementStateAsync(new GetAgreementStateRequest(), cancellationToken: timeout.Token)).State;
        var text = new StringBuilder();
        var ends = state.LastDayInForce is { Year: > 0 } last
            ? $" (last day in force {last.Year:D4}-{last.Month:D2}-{last.Day:D2}, {state.TerminationReadingDescription})"
            : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"{node.Code} operators: agreement {state.Status}{ends}; open obligations, overdue first:");
        foreach (var o in list.Obligations)
        {
            var mark = o.OverdueSince is null ? "open   " : "OVERDUE";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {mark} {o.Article,-8} {o.RuleId,-28} owed by {o.DebtorBody,-8} due {o.DueAt.ToDateTimeOffset():yyyy-MM-dd HH:mm}Z  {o.Description}  [{o.MessageId}]");
        }

        foreach (var message in (await node.Operator.ListMessagesAsync(new ListMessagesRequest { PageSize = 50 }, cancellationToken: timeout.Token)).Messages.Where(m => m.RuleFlags.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  flagged {message.Envelope.Id}: {string.Join("; ", message.RuleFlags.Select(f => $"{f.RuleId} ({f.Article}): {f.Message}"))}");
        }

        return text.ToString();
    }

    public static string Name(Stage stage) => stage switch
    {
        Stage.RefusedByPeer => "REFUSED_BY_PEER",
        _ => stage.ToString().ToUpperInvariant(),
    };

    private static async Task WaitSettledAsync(IReadOnlyList<DemoStep> steps, CancellationToken cancellationToken)
    {
        var answered = steps.Select(s => s.Envelope.InReplyTo).Where(id => id.Length > 0).ToHashSet();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var pending = 0;
                foreach (var step in steps)
                {
                    var stage = (await step.Sender.Party.GetMessageAsync(new GetMessageRequest { MessageId = step.Envelope.Id }, cancellationToken: timeout.Token)).Message.Stage;
                    var settled = stage is Stage.Refused or Stage.RefusedByPeer or Stage.Failed
                        || (answered.Contains(step.Envelope.Id) ? stage == Stage.Answered : stage >= Stage.Acknowledged);
                    pending += settled ? 0 : 1;
                }

                if (pending == 0)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Print what is there: a stage still missing after 30 s is itself worth seeing.
        }
    }
}
