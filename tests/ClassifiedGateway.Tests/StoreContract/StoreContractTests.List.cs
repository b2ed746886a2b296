using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.StoreContract;

/// <summary>The operators' list: the body and search filters run as separate indexed branches merged by sequence; every page and
/// cursor must be exactly the plain query's (the whole list, newest first, filtered in memory here).</summary>
public abstract partial class StoreContractTests
{
    private static readonly string[] ListBodies = ["kz-ab-1", "kz-ab-2", "tm-ab-1", "tm-ab-2"];

    [SkippableFact]
    public async Task Body_and_search_filters_page_exactly_as_the_plain_or_query_with_each_notice_once()
    {
        var store = await OpenAsync();
        await FillListAsync(store);
        var all = (await store.ListMessagesAsync(new MessageQuery(null, null, null, null, 1000, null), CancellationToken.None)).Messages;
        Assert.Equal(48, all.Count);
        var from = Now.AddMinutes(10);
        var to = Now.AddMinutes(35);
        bool Body(MessageRecord m, params string[] bodies) => bodies.Contains(m.Envelope.SenderBody) || bodies.Contains(m.Envelope.ReceiverBody);
        bool Dated(MessageRecord m) => m.AcceptedAt.ToDateTimeOffset() >= from && m.AcceptedAt.ToDateTimeOffset() < to;
        string[] many = [.. ListBodies, .. Enumerable.Range(0, 9).Select(i => $"kz-none-{i}")];
        var cases = new (string Name, MessageQuery Query, Func<MessageRecord, bool> Expected)[]
        {
            ("one body", new(null, null, null, "kz-ab-1", 3, null), m => Body(m, "kz-ab-1")),
            ("two bodies", new(null, null, null, null, 3, null, BodyIn: ["kz-ab-1", "tm-ab-2"]), m => Body(m, "kz-ab-1", "tm-ab-2")),
            ("13 bodies: one OR query", new(null, null, null, null, 4, null, BodyIn: many), m => Body(m, many)),
            ("no body known", new(null, null, null, null, 3, null, BodyIn: []), _ => false),
            ("body and kind", new("TransferNotice", null, null, "tm-ab-1", 2, null), m => Body(m, "tm-ab-1") && m.Kind == "TransferNotice"),
            ("bodies, stage, dates", new(null, Stage.Accepted, null, null, 2, null, false, from, to, BodyIn: ["kz-ab-2", "tm-ab-1"]),
                m => Body(m, "kz-ab-2", "tm-ab-1") && m.Stage == Stage.Accepted && Dated(m)),
            ("bodies inbound", new(null, null, Direction.Inbound, null, 2, null, BodyIn: ["kz-ab-1", "tm-ab-1"]),
                m => Body(m, "kz-ab-1", "tm-ab-1") && m.Direction == Direction.Inbound),
            ("body and body list", new(null, null, null, "kz-ab-1", 3, null, BodyIn: ["kz-ab-1", "tm-ab-1"]), m => Body(m, "kz-ab-1") && Body(m, "kz-ab-1", "tm-ab-1")),
            ("body, overdue", new(null, null, null, "tm-ab-2", 1, null, OverdueOnly: true), m => Body(m, "tm-ab-2") && m.Overdue),
            ("bodies and a search", new(null, null, null, null, 3, null, KindIn: ["ConsultationRequest", "TransferNotice"], BodyIn: ["kz-ab-2", "tm-ab-2"],
                Search: new MessageSearch("list-7", ["TransferNotice"], ["kz-ab-1"])),
                m => Body(m, "kz-ab-2", "tm-ab-2") && (m.Envelope.Id == "list-7" || m.Kind == "TransferNotice" || Body(m, "kz-ab-1"))),
            ("search by correlation id", new(null, null, null, null, 3, null, Search: new MessageSearch("corr-list-9", [], [])), m => m.Envelope.Id == "list-9"),
            ("search: 13 bodies, one OR query", new(null, null, null, "tm-ab-1", 3, null, Search: new MessageSearch("ab", [], many)),
                m => Body(m, "tm-ab-1") && Body(m, many)),
        };

        foreach (var (name, query, expected) in cases)
        {
            var want = all.Where(expected).Select(m => m.Envelope.Id).ToList();
            var pages = new List<List<string>>();
            long? before = null;
            do
            {
                var page = await store.ListMessagesAsync(query with { BeforeSequence = before }, CancellationToken.None);
                pages.Add([.. page.Messages.Select(m => m.Envelope.Id)]);
                before = page.NextBeforeSequence;
                Assert.True(pages.Count <= all.Count + 1, $"{name}: the cursor never ends");
            }
            while (before is not null);

            // The plain query's pages: full ones in order, the last one short (or empty when nothing matches or the last page was full).
            var wantPages = want.Chunk(query.PageSize).Select(c => c.ToList()).ToList();
            if (wantPages.Count == 0)
            {
                wantPages.Add([]);
            }

            Assert.True(wantPages.Count == pages.Count && wantPages.Zip(pages).All(p => p.First.SequenceEqual(p.Second)),
                $"{name}: pages [{string.Join(" | ", pages.Select(p => string.Join(",", p)))}], expected [{string.Join(" | ", wantPages.Select(p => string.Join(",", p)))}]");
        }

        // The notices sent from a body to itself are in the body's list once each (two branches found them).
        var own = await store.ListMessagesAsync(new MessageQuery(null, null, null, "kz-ab-1", 100, null), CancellationToken.None);
        Assert.Equal(["list-44", "list-40", "list-24", "list-20", "list-4", "list-0"], own.Messages.Where(m => m.Envelope.SenderBody == "kz-ab-1" && m.Envelope.ReceiverBody == "kz-ab-1").Select(m => m.Envelope.Id));
        Assert.Equal(own.Messages.Count, own.Messages.Select(m => m.Envelope.Id).Distinct().Count());
    }

    /// <summary>48 notices, a minute apart: four bodies as sender and receiver in turn (now and then a body to itself), two kinds,
    /// one in four refused, one in six inbound, one in five owing an answer that is overdue.</summary>
    private static async Task FillListAsync(SqlGatewayStore store)
    {
        var relayed = 0L;
        for (var i = 0; i < 48; i++)
        {
            var at = Now.AddMinutes(i);
            var kind = i % 3 == 0 ? Case.TransferNotice : Case.ConsultationRequest;
            var notice = i % 6 == 5 ? Notices.Envelope($"list-{i}", Party.Tm, at, kind) : Notices.Envelope($"list-{i}", Party.Kz, at, kind);
            notice.SenderBody = ListBodies[i % 4];
            notice.ReceiverBody = ListBodies[i / 5 % 4];
            if (i % 6 == 5)
            {
                await store.StoreRelayedAsync([Relayed(++relayed, notice)], at, CancellationToken.None);
                continue;
            }

            var admission = i % 4 == 3
                ? new Admission(new Refusal { RuleId = "TEST_RULE", Article = "Art. 5.1" }, [], [])
                : new Admission(null, [], i % 5 == 0 ? [AnswerDue(notice, TimeSpan.FromHours(1))] : []);
            await store.SubmitAsync(new SubmitCommand(notice, notice.ToByteArray(), NoticeKinds.Of(notice).Name, at, _ => admission), CancellationToken.None);
        }

        Assert.True(await store.MarkOverdueAsync(Now.AddDays(1), CancellationToken.None) > 0);
    }
}
