using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Postgres;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;

namespace ClassifiedGateway.Tests.StoreContract.Replicas;

/// <summary>A replica hears another replica's commits at once (LISTEN/NOTIFY), and after its listening session was cut it
/// looks again by itself, so nothing committed meanwhile waits for a poll.</summary>
[Trait("Category", "pg-only")]
public sealed class ChangeNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task A_notice_stored_through_replica_A_wakes_the_subscribers_and_the_relay_of_replica_B()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        var (a, b) = (replicas.Stores[0], replicas.Stores[1]);
        await ((PostgresChangeListener)b.ChangeListener!).Listening.WaitAsync(Patience);
        var (inbox, outbox, changes) = (b.Signals.Inbox.Next, b.Signals.Outbox.Next, b.Signals.Changes.Next);

        var relayed = Notices.Envelope("heard-1", Party.Tm, Now, Envelope.NoticeOneofCase.ConsultationRequest);
        await a.StoreRelayedAsync([new RelayedCommand(1, relayed.ToByteArray(), relayed, NoticeKinds.Of(relayed).Name, Now, _ => Admission.Admit)],
            Now, CancellationToken.None);
        await Task.WhenAll(inbox, changes).WaitAsync(Patience);
        Assert.False(outbox.IsCompleted);

        var submitted = Notices.Envelope("heard-2", Party.Kz, Now, Envelope.NoticeOneofCase.ConsultationRequest);
        await a.SubmitAdmittedAsync(submitted, Now);
        await outbox.WaitAsync(Patience);
        Assert.Single(await b.ReadInboxAsync(0, null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_listener_whose_session_is_terminated_listens_again_by_itself()
    {
        await using var replicas = await PostgresReplicas.StartAsync(2);
        var (a, b) = (replicas.Stores[0], replicas.Stores[1]);
        var listener = (PostgresChangeListener)b.ChangeListener!;
        await listener.Listening.WaitAsync(Patience);

        await replicas.ExecuteAsync("SELECT pg_terminate_backend(@pid)", ("@pid", listener.SessionProcessId!.Value));
        await Eventually.TrueAsync(() => Task.FromResult(listener.Sessions == 2), Patience, () => "the listener never listened again");
        var inbox = b.Signals.Inbox.Next;
        var relayed = Notices.Envelope("after-cut-1", Party.Tm, Now, Envelope.NoticeOneofCase.ConsultationRequest);
        await a.StoreRelayedAsync([new RelayedCommand(1, relayed.ToByteArray(), relayed, NoticeKinds.Of(relayed).Name, Now, _ => Admission.Admit)],
            Now, CancellationToken.None);

        await inbox.WaitAsync(Patience);
        Assert.Single(await b.ReadInboxAsync(0, null, 10, CancellationToken.None));
    }
}
