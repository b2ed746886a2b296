using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The ledger the rules read, answers binding to their requests, obligations opened, closed and flagged overdue.</summary>
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task A_reply_marks_its_request_answered_on_every_engine_and_closes_its_obligation()
    {
        var store = await OpenAsync();
        var request = Kz("copy-1", Case.CopyRequest);
        await SubmitAsync(store, request, new(null, [], [AnswerDue(request, TimeSpan.FromDays(10))]));
        Assert.Equal((1L, 0L), await store.CountObligationsAsync(CancellationToken.None));
        var reply = Tm("permission-1", Case.CopyPermission, inReplyTo: "copy-1");

        var receipt = Assert.Single(await store.StoreRelayedAsync([Relayed(1, reply)], Now, CancellationToken.None));

        Assert.Equal(ReceiptStatus.Stored, receipt.Status);
        var record = (await store.GetMessageAsync(Key(request), CancellationToken.None))!;
        Assert.Equal(Stage.Answered, record.Stage);
        Assert.Equal(["permission-1"], record.AnsweredBy);
        var obligation = Assert.Single(record.Obligations);
        Assert.Equal(("permission-1", "copy-1"), (obligation.ClosedBy, obligation.MessageId));
        Assert.Equal((0L, 0L), await store.CountObligationsAsync(CancellationToken.None));
        Assert.Empty((await store.ListObligationsAsync(new ObligationQuery(true, false, 10, 0), CancellationToken.None)).Obligations);
    }

    [SkippableFact]
    public async Task The_ledger_finds_stored_facts_by_id_key_and_request_and_leaves_refused_ones_out()
    {
        var store = await OpenAsync();
        var request = Kz("ledger-1", Case.CopyRequest);
        await SubmitAsync(store, request);
        await SubmitAsync(store, Kz("ledger-refused"), new(new Refusal { RuleId = "TEST_RULE" }, [], []));
        await store.StoreRelayedAsync([Relayed(1, Tm("ledger-reply", Case.CopyPermission, inReplyTo: "ledger-1"))], Now, CancellationToken.None);

        var (found, refused, answers, bound) = await store.ReadLedgerAsync(l => (
            l.Find("ledger-1"), l.Find("ledger-refused"), l.AnswersTo(Key(request)),
            l.FindRequest(Tm("another-reply", Case.CopyPermission, inReplyTo: "ledger-1"))), CancellationToken.None);

        Assert.Equal((Key(request), Direction.Outbound, Stage.Answered), (found!.Key, found.Direction, found.Stage));
        Assert.Equal(request, found.Envelope);
        Assert.Null(refused);
        Assert.Equal(["ledger-reply"], answers.Select(a => a.Envelope.Id));
        Assert.Equal(Key(request), bound!.Key);
    }

    [SkippableFact]
    public async Task Many_keys_at_once_read_the_same_entries_as_one_key_at_a_time_oldest_first()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, Kz("body-1", Case.CompetentBodyChange));
        await SubmitAsync(store, Kz("term-1", Case.TerminationNotice));
        await SubmitAsync(store, Kz("body-refused", Case.CompetentBodyChange), new(new Refusal { RuleId = "TEST_RULE" }, [], []));
        await store.StoreRelayedAsync([Relayed(1, Tm("body-2", Case.CompetentBodyChange))], Now, CancellationToken.None);
        await SubmitAsync(store, Kz("body-3", Case.CompetentBodyChange));
        string[] keys = [LedgerKeys.CompetentBodyChanges, LedgerKeys.Termination, LedgerKeys.DomesticProcedures, LedgerKeys.CompetentBodyChanges];

        var (many, single) = await store.ReadLedgerAsync(l => (l.ByKeys(keys), keys.Distinct().ToDictionary(k => k, l.ByKey)), CancellationToken.None);

        Assert.Equal(["body-1", "body-2", "body-3"], many[LedgerKeys.CompetentBodyChanges].Select(e => e.Id));
        Assert.Equal(["term-1"], many[LedgerKeys.Termination].Select(e => e.Id));
        Assert.Empty(many[LedgerKeys.DomesticProcedures]);
        Assert.Equal(3, many.Count);
        foreach (var (key, entries) in single)
        {
            Assert.Equal(entries, many[key]);
        }
    }

    [SkippableFact]
    public async Task An_obligation_past_due_is_flagged_overdue_once_with_a_history_entry()
    {
        var store = await OpenAsync();
        var request = Kz("due-1", Case.CopyRequest);
        await SubmitAsync(store, request, new(null, [], [AnswerDue(request, TimeSpan.FromHours(1))]));

        Assert.Equal(0, await store.MarkOverdueAsync(Now.AddMinutes(59), CancellationToken.None));
        Assert.Equal(1, await store.MarkOverdueAsync(Now.AddHours(2), CancellationToken.None));
        Assert.Equal(0, await store.MarkOverdueAsync(Now.AddHours(3), CancellationToken.None));

        Assert.Equal((1L, 1L), await store.CountObligationsAsync(CancellationToken.None));
        var overdue = Assert.Single((await store.ListObligationsAsync(new ObligationQuery(true, true, 10, 0), CancellationToken.None)).Obligations);
        Assert.Equal(("TEST_ANSWER_DUE", "due-1", true), (overdue.RuleId, overdue.MessageId, overdue.Policy));
        Assert.NotNull(overdue.OverdueSince);
        var record = (await store.GetMessageAsync(Key(request), CancellationToken.None))!;
        Assert.True(record.Overdue);
        Assert.Single(record.History, h => h.EventKind == EventKind.Overdue);
        var page = await store.ListMessagesAsync(new MessageQuery(null, null, null, null, 10, null, OverdueOnly: true), CancellationToken.None);
        Assert.Equal(["due-1"], page.Messages.Select(m => m.Envelope.Id));
    }

    [SkippableFact]
    public async Task Flags_are_kept_on_the_message_and_in_its_history()
    {
        var store = await OpenAsync();
        var notice = Kz("flagged-1");
        var flag = new RuleVerdict("TEST_FLAG", "Art. 11", RuleOutcome.Flag, "sent late", []);

        await SubmitAsync(store, notice, new(null, [flag], []));

        var record = (await store.GetMessageAsync(Key(notice), CancellationToken.None))!;
        var stored = Assert.Single(record.RuleFlags);
        Assert.Equal(("TEST_FLAG", "Art. 11", "sent late"), (stored.RuleId, stored.Article, stored.Message));
        Assert.Single(record.History, h => h.EventKind == EventKind.Flag);
    }
}
