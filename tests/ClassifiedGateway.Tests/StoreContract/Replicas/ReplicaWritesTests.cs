using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>Two replicas of one node (two store instances, two writers) on one PostgreSQL database: what must be single stays
/// single — one audit chain, one acceptance order that readers page through without a gap, one answer per id.</summary>
[Trait("Category", "pg-only")]
public sealed class ReplicaWritesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Interleaved_writes_through_two_replicas_make_one_verifying_audit_chain_and_one_order_readers_never_skip()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        var (a, b) = (replicas.Stores[0], replicas.Stores[1]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var node = new CertificateRequest("CN=replica-test-node", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));
        Func<long, byte[], long, byte[]> sign = (sequence, hash, atMs) => NodeSignatures.Sign(node, SignedBytes.Checkpoint(sequence, hash, atMs));

        // Readers page through the change feed and the inbox while both replicas write; what they collect must be everything.
        using var writing = new CancellationTokenSource();
        var feed = PageAsync(a, async (after, ct) => (await b.ReadStageChangesAsync(after, 37, ct)).Select(e => e.Sequence).ToList(), writing.Token);
        var inbox = PageAsync(b, async (after, ct) => (await a.ReadInboxAsync(after, null, 29, ct)).Select(i => i.Cursor).ToList(), writing.Token);

        // Submits through both replicas at once, 8 callers each, so their group commits interleave.
        var submits = Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            var store = caller % 2 == 0 ? a : b;
            for (var i = 0; i < 30; i++)
            {
                await store.SubmitAdmittedAsync(Notices.Envelope($"rep-{caller}-{i}", Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest), Now);
                if (i % 10 == 0)
                {
                    await store.CheckpointAuditAsync(sign, Now, CancellationToken.None);
                }
            }
        })).ToList();
        // Relayed notices from the other node land on either replica in turn (the peer's calls may reach any of them).
        var relayed = Task.Run(async () =>
        {
            for (var sequence = 1L; sequence <= 120; sequence++)
            {
                var e = Notices.Envelope($"in-{sequence}", Party.Tm, Now, Envelope.NoticeOneofCase.ConsultationRequest);
                var receipts = await (sequence % 2 == 0 ? a : b).StoreRelayedAsync(
                    [new RelayedCommand(sequence, e.ToByteArray(), e, NoticeKinds.Of(e).Name, Now, _ => Admission.Admit, Signature: [1])], Now, CancellationToken.None);
                Assert.Equal(ReceiptStatus.Stored, receipts[0].Status);
            }
        });
        await Task.WhenAll([.. submits, relayed]);
        await writing.CancelAsync();
        var (seenChanges, seenCursors) = (await feed, await inbox);

        var (entries, checkpoints) = await StoreAuditReader.ReadAsync(replicas.Dialects[1], CancellationToken.None);
        var verdict = AuditVerifier.Verify(entries, checkpoints, node);
        Assert.True(verdict.Intact, verdict.Message);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.NotEmpty(checkpoints);

        // One acceptance order: the outbox (what the relay sends, by seq) is the order the chain recorded the acceptances in.
        var outbox = await b.ReadOutboxAsync(1000, CancellationToken.None);
        Assert.Equal(480, outbox.Count);
        Assert.Equal(entries.Where(e => e.Kind == "stage:Accepted").Select(e => e.MessageId), outbox.Select(o => o.Key));

        // The feed and the inbox as a reader paging during the writes saw them: every row, none skipped.
        var allChanges = (await a.ReadStageChangesAsync(0, 10_000, CancellationToken.None)).Select(e => e.Sequence).ToList();
        Assert.Equal(480 + 120, allChanges.Count);
        Assert.Equal(allChanges, seenChanges);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), seenCursors);
        Assert.Empty(await StoreVerifier.VerifyAsync(replicas.Dialects[0], CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_same_id_submitted_through_both_replicas_at_once_is_stored_once_and_the_other_answer_is_a_duplicate()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        var (a, b) = (replicas.Stores[0], replicas.Stores[1]);

        for (var i = 0; i < 25; i++)
        {
            var e = Notices.Envelope($"twice-{i}", Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest);
            var outcomes = await Task.WhenAll(a.SubmitAdmittedAsync(e, Now), b.SubmitAdmittedAsync(e, Now));

            Assert.Single(outcomes, o => !o.Duplicate);
            Assert.Single(outcomes, o => o.Duplicate);
            Assert.All(outcomes, o => Assert.Equal((Stage.Accepted, outcomes[0].AcceptedAt), (o.Stage, o.AcceptedAt)));
        }

        Assert.Equal(25L, await a.OutboxDepthAsync(CancellationToken.None));
        Assert.Equal(25L, Convert.ToInt64(await replicas.ExecuteAsync($"SELECT COUNT(*) FROM {replicas.Schema}.messages")));
    }

    /// <summary>Pages by "after the last one seen" until <paramref name="stop"/> and then once more to the end; returns every position seen.</summary>
    private static async Task<List<long>> PageAsync(SqlGatewayStore signalled, Func<long, CancellationToken, Task<List<long>>> page, CancellationToken stop)
    {
        var seen = new List<long>();
        var last = 0L;
        while (true)
        {
            var stopping = stop.IsCancellationRequested;
            var wake = signalled.Signals.Changes.Next;
            var rows = await page(last, CancellationToken.None);
            seen.AddRange(rows);
            last = rows.Count > 0 ? rows[^1] : last;
            if (rows.Count > 0)
            {
                continue;
            }

            if (stopping)
            {
                return seen;
            }

            await Task.WhenAny(wake, Task.Delay(Timeout.Infinite, stop));
        }
    }
}
