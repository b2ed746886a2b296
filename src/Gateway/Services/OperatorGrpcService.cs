using System.Globalization;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>Read-only monitoring for operators. Lists carry metadata only; every call that returns a notice's content is audited.</summary>
internal sealed class OperatorGrpcService(
    IGatewayStore store, RuleEngine rules, CertificateStore certificates, EvidenceExporter evidence, OutboxRelay relay, TimeProvider time,
    ContentReads reads, IOptions<GatewayOptions> options, IOptions<TlsOptions> tls)
    : OperatorService.OperatorServiceBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private static readonly TimeSpan WatchHeartbeat = TimeSpan.FromSeconds(15);

    public override async Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        RequestChecks.Range("page_size", pageSize, 1, MaxPageSize);
        long? before = null;
        if (request.PageToken.Length > 0)
        {
            before = long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) && token > 0
                ? token
                : throw new InvalidRequestException([new FieldViolation("page_token", "is not a token this service issued")]);
        }

        var page = await store.ListMessagesAsync(new MessageQuery(
            request.Kind.Length == 0 ? null : request.Kind,
            request.Stage == Stage.Unspecified ? null : request.Stage,
            request.Direction == Direction.Unspecified ? null : request.Direction,
            request.Body.Length == 0 ? null : request.Body,
            pageSize, before, request.OverdueOnly, OptionalTime(request.AcceptedFrom), OptionalTime(request.AcceptedTo)), context.CancellationToken);
        // A list is metadata (who, what kind, which stage): the notices' content is read one message at a time, audited.
        foreach (var message in page.Messages)
        {
            message.Envelope?.ClearNotice();
        }

        return new ListMessagesResponse
        {
            Messages = { page.Messages },
            NextPageToken = page.NextBeforeSequence?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
    }

    // Range-checked before the handler (RequestValidator); an invalid value never reaches the conversion.
    private static DateTimeOffset? OptionalTime(Google.Protobuf.WellKnownTypes.Timestamp? value) =>
        WireTimes.TryToDateTimeOffset(value, out var at) ? at : null;

    public override async Task<GetTimelineResponse> GetTimeline(GetTimelineRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var found = await store.FindMessagesAsync(MessageLookup.Ref(request.MessageId, request.SenderParty, request.SenderBody), context.CancellationToken);
        var record = await store.GetMessageAsync(MessageLookup.Single(found, "message", request.MessageId).Key, context.CancellationToken)
            ?? throw new NotFoundException("message", request.MessageId);
        await reads.RecordAsync(CallGuard.Caller(context), "OperatorService.GetTimeline", request.MessageId, context.CancellationToken);
        return new GetTimelineResponse { Message = record };
    }

    public override async Task WatchStageChanges(WatchStageChangesRequest request, IServerStreamWriter<WatchStageChangesResponse> responseStream, ServerCallContext context)
    {
        var after = Math.Max(0, request.AfterSequence);
        var ct = context.CancellationToken;
        while (!ct.IsCancellationRequested)
        {
            var wake = store.Signals.Changes.Next;
            var events = await store.ReadStageChangesAsync(after, 500, ct);
            foreach (var e in events)
            {
                await responseStream.WriteAsync(new WatchStageChangesResponse { Event = e }, ct);
                after = e.Sequence;
            }

            if (events.Count == 0)
            {
                await Waits.SignalOrTimeoutAsync(wake, WatchHeartbeat, time, ct);
            }
        }
    }

    public override async Task<CountByStageResponse> CountByStage(CountByStageRequest request, ServerCallContext context)
    {
        var (open, overdue) = await store.CountObligationsAsync(context.CancellationToken);
        return new CountByStageResponse
        {
            Counts = { await store.CountByStageAsync(context.CancellationToken) },
            OpenObligations = open,
            OverdueObligations = overdue,
        };
    }

    public override async Task<ListObligationsResponse> ListObligations(ListObligationsRequest request, ServerCallContext context)
    {
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        RequestChecks.Range("page_size", pageSize, 1, MaxPageSize);
        var offset = 0;
        if (request.PageToken.Length > 0 && (!int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset <= 0))
        {
            throw new InvalidRequestException([new FieldViolation("page_token", "is not a token this service issued")]);
        }

        var page = await store.ListObligationsAsync(new ObligationQuery(request.OpenOnly, request.OverdueOnly, pageSize, offset), context.CancellationToken);
        return new ListObligationsResponse
        {
            Obligations = { page.Obligations },
            NextPageToken = page.NextOffset?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
    }

    public override async Task<GetNodeHealthResponse> GetNodeHealth(GetNodeHealthRequest request, ServerCallContext context) => new()
    {
        Certificates = { CertificateHealth.Of(certificates.Current, Time.RealClock.Instance.GetUtcNow(), tls.Value.ExpiryWarning) },
        PeerCircuitOpen = relay.PeerCircuit is Polly.CircuitBreaker.CircuitState.Open or Polly.CircuitBreaker.CircuitState.Isolated,
        OutboxDepth = await store.OutboxDepthAsync(context.CancellationToken),
    };

    public override async Task<ExportEvidenceResponse> ExportEvidence(ExportEvidenceRequest request, ServerCallContext context)
    {
        RequestChecks.Id("message_id", request.MessageId);
        var found = await store.FindMessagesAsync(MessageLookup.Ref(request.MessageId, request.SenderParty, request.SenderBody), context.CancellationToken);
        var exported = await evidence.ExportAsync(MessageLookup.Single(found, "message", request.MessageId).Key, context.CancellationToken)
            ?? throw new NotFoundException("message", request.MessageId);
        await reads.RecordAsync(CallGuard.Caller(context), "OperatorService.ExportEvidence", request.MessageId, context.CancellationToken);
        return new ExportEvidenceResponse { Evidence = exported };
    }

    public override async Task<GetAgreementStateResponse> GetAgreementState(GetAgreementStateRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var state = await store.ReadLedgerAsync(ledger => rules.Agreement(ledger, options.Value.LocalParty, now), context.CancellationToken);
        return new GetAgreementStateResponse { State = state };
    }
}
