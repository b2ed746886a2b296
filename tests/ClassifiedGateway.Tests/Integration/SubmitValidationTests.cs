using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Integration;

/// <summary>Idempotency by id and bad input: each gets the right status and changes nothing.</summary>
public sealed class SubmitValidationTests(PairFixture fixture) : IClassFixture<PairFixture>
{
    private readonly NodePair _pair = fixture.Pair;
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    private PartyGatewayService.PartyGatewayServiceClient Kz => _pair.KzNode.Party;

    [Fact]
    public async Task Same_id_same_content_returns_the_first_answer()
    {
        var envelope = Notices.Consultation("dup-1", Party.Kz, _now);
        var first = await Kz.SubmitAsync(new SubmitRequest { Envelope = envelope });
        var second = await Kz.SubmitAsync(new SubmitRequest { Envelope = envelope.Clone() });

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.AcceptedAt, second.AcceptedAt);
        Assert.Equal(first.MessageId, second.MessageId);
        var record = (await Kz.GetMessageAsync(new GetMessageRequest { MessageId = "dup-1" })).Message;
        Assert.Single(record.History, h => h.Stage == Stage.Accepted);
    }

    [Fact]
    public async Task Same_id_different_content_is_refused_and_the_first_content_stays()
    {
        var envelope = Notices.Consultation("dup-2", Party.Kz, _now);
        await Kz.SubmitAsync(new SubmitRequest { Envelope = envelope });
        var changed = envelope.Clone();
        changed.ConsultationRequest.Subject = "Something else";

        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Kz.SubmitAsync(new SubmitRequest { Envelope = changed }).ResponseAsync);

        Assert.Equal("ID_CONFLICT", RpcAssert.ErrorInfo(e)?.Reason);
        var record = (await Kz.GetMessageAsync(new GetMessageRequest { MessageId = "dup-2" })).Message;
        Assert.Equal(envelope, record.Envelope);
        Assert.Single(record.History, h => h.Stage == Stage.Accepted);
    }

    public static TheoryData<string, string> BadEnvelopes => new()
    {
        { "missing-id", "envelope.id" },
        { "bad-id", "envelope.id" },
        { "unknown-sender-party", "envelope.sender_party" },
        { "unknown-receiver-party", "envelope.receiver_party" },
        { "missing-receiver-body", "envelope.receiver_body" },
        { "missing-created-at", "envelope.created_at" },
        { "missing-notice", "envelope.notice" },
        { "answer-without-in-reply-to", "envelope.in_reply_to" },
        { "transfer-without-level", "envelope.level" },
        { "visit-without-passport", "visit_request.visitors[0].passport_number" },
        { "visit-without-first-day", "visit_request.first_day" },
        { "transfer-without-carriers", "transfer_notice.carriers" },
    };

    [Theory]
    [MemberData(nameof(BadEnvelopes))]
    public async Task Bad_input_is_invalid_argument_naming_the_field_and_stores_nothing(string scenario, string field)
    {
        var envelope = Bad(scenario);
        var before = await CountAllAsync();

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Kz.SubmitAsync(new SubmitRequest { Envelope = envelope }).ResponseAsync);

        Assert.Contains(field, RpcAssert.BadFields(e));
        Assert.Contains(field, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await CountAllAsync());
    }

    [Fact]
    public async Task A_request_without_an_envelope_is_invalid_argument()
    {
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Kz.SubmitAsync(new SubmitRequest()).ResponseAsync);
        Assert.Contains("envelope", RpcAssert.BadFields(e));
    }

    [Fact]
    public async Task Unknown_message_is_not_found()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Kz.GetMessageAsync(new GetMessageRequest { MessageId = "nope" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _pair.TmNode.Party.AcknowledgeAsync(new AcknowledgeRequest { MessageId = "nope" }).ResponseAsync);
    }

    private async Task<long> CountAllAsync() =>
        (await _pair.KzNode.Operator.CountByStageAsync(new CountByStageRequest())).Counts.Sum(c => c.Count);

    private Envelope Bad(string scenario)
    {
        var e = Notices.Consultation("bad-" + scenario, Party.Kz, _now);
        switch (scenario)
        {
            case "missing-id": e.Id = ""; break;
            case "bad-id": e.Id = "has spaces/and slashes"; break;
            case "unknown-sender-party": e.SenderParty = (Party)7; break;
            case "unknown-receiver-party": e.ReceiverParty = Party.Unspecified; break;
            case "missing-receiver-body": e.ReceiverBody = ""; break;
            case "missing-created-at": e.CreatedAt = null; break;
            case "missing-notice": e.ClearNotice(); break;
            case "answer-without-in-reply-to": e = Notices.Envelope(e.Id, Party.Kz, _now, Envelope.NoticeOneofCase.VisitDecision); e.InReplyTo = ""; break;
            case "transfer-without-level": e = Notices.Envelope(e.Id, Party.Kz, _now, Envelope.NoticeOneofCase.TransferNotice); e.Level = ClassificationLevel.Unspecified; break;
            case "visit-without-passport": e = Notices.Envelope(e.Id, Party.Kz, _now, Envelope.NoticeOneofCase.VisitRequest); e.VisitRequest.Visitors[0].PassportNumber = ""; break;
            case "visit-without-first-day": e = Notices.Envelope(e.Id, Party.Kz, _now, Envelope.NoticeOneofCase.VisitRequest); e.VisitRequest.FirstDay = null; break;
            case "transfer-without-carriers": e = Notices.Envelope(e.Id, Party.Kz, _now, Envelope.NoticeOneofCase.TransferNotice); e.TransferNotice.Carriers.Clear(); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        return e;
    }
}
