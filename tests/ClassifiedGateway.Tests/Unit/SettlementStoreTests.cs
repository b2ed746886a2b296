using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Storage.Sql;
using ClassifiedGateway.Gateway.Storage.Sqlite;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>Four eyes in the store: a settlement closes its obligation only when a second, different operator approves, and both
/// steps land in the audit chain, which still verifies.</summary>
public sealed class SettlementStoreTests : IAsyncLifetime
{
    private const string First = "KZ/operator/kz-operator";
    private const string Second = "KZ/operator/kz-operator-2";
    private readonly TempSqliteStore _temp = new();
    private readonly DateTimeOffset _now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public async Task One_operator_alone_cannot_close_and_a_second_one_does()
    {
        var store = await OpenWithObligationAsync();
        var obligation = Assert.Single((await store.ListObligationsAsync(new ObligationQuery(true, false, 10, 0), CancellationToken.None)).Obligations);

        var (proposed, settlement) = await store.ProposeSettlementAsync(obligation.ObligationId, "settled by letter 17/3", First, _now, CancellationToken.None);
        Assert.Equal(SettlementResult.Done, proposed);
        Assert.Equal(SettlementResult.AlreadyProposed, (await store.ProposeSettlementAsync(obligation.ObligationId, "again", Second, _now, CancellationToken.None)).Result);
        Assert.Equal(SettlementResult.SameOperator, (await store.ApproveSettlementAsync(settlement!.Id, First, _now, CancellationToken.None)).Result);
        Assert.Equal(1, (await store.CountObligationsAsync(CancellationToken.None)).Open);
        Assert.Single(await store.ListSettlementsAsync(true, 10, CancellationToken.None));

        var (approved, closed) = await store.ApproveSettlementAsync(settlement.Id, Second, _now.AddMinutes(5), CancellationToken.None);
        Assert.Equal(SettlementResult.Done, approved);
        Assert.Equal(Second, closed!.ApprovedBy);
        Assert.Equal(0, (await store.CountObligationsAsync(CancellationToken.None)).Open);
        Assert.Empty(await store.ListSettlementsAsync(true, 10, CancellationToken.None));
        Assert.Equal(SettlementResult.AlreadyClosed, (await store.ApproveSettlementAsync(settlement.Id, "KZ/operator/third", _now, CancellationToken.None)).Result);
        Assert.Equal(SettlementResult.AlreadyClosed, (await store.ProposeSettlementAsync(obligation.ObligationId, "late", First, _now, CancellationToken.None)).Result);
        Assert.Equal(SettlementResult.NotFound, (await store.ProposeSettlementAsync(9999, "none", First, _now, CancellationToken.None)).Result);

        var audit = await store.ReadAuditPageAsync(null, 10, CancellationToken.None);
        Assert.Contains(audit, e => e.Kind == "settlement-proposed" && e.Actor == First && e.Detail.Contains("settled by letter 17/3", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Kind == "settlement-approved" && e.Actor == Second && e.Detail.Contains($"proposed by {First}", StringComparison.Ordinal));
        var (entries, checkpoints) = await store.ReadAuditChainAsync(CancellationToken.None);
        using var node = DevPki.CreateCa("unused signer", _now.AddDays(-1), _now.AddDays(1));
        Assert.True(AuditVerifier.Verify(entries, checkpoints, node).Intact);
    }

    [Fact]
    public async Task The_link_backlog_counts_what_waits_for_the_other_node()
    {
        var store = await OpenWithObligationAsync();
        var backlog = await store.ReadLinkBacklogAsync(CancellationToken.None);
        Assert.Equal(1, backlog.OutboxDepth);
        Assert.Equal(_now, backlog.OldestWaitingSince);
        Assert.Equal(1, backlog.Undelivered);
        Assert.Equal(0, backlog.Unacknowledged);
        Assert.Null(backlog.OldestUnacknowledgedSince);
    }

    private async Task<SqlGatewayStore> OpenWithObligationAsync()
    {
        var store = await _temp.OpenAsync();
        var request = Notices.Envelope("settle-1", Party.Kz, _now, Case.ClearanceConfirmationRequest);
        var plan = new ObligationPlan("CLEARANCE_CONFIRMATION_DUE", "Art. 5.1", "Clearance confirmation owed", true, Party.Tm, "tm-mns", _now.AddDays(30),
            Case.ClearanceConfirmation);
        await store.SubmitAsync(new SubmitCommand(request, request.ToByteArray(), NoticeKinds.Of(request).Name, _now, _ => new Admission(null, [], [plan])),
            CancellationToken.None);
        return store;
    }
}
