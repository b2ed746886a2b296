using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Options;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Validation.Requests;

/// <summary>Checks every request the node takes before any handler sees it (run by the request marshaller).</summary>
/// <remarks>Shape only: ids, charsets, ranges, every Timestamp and Duration range-checked so no handler converts a bad one.
/// Who may ask, and what the agreement's rules say, are decided later.</remarks>
internal sealed class RequestValidator(TimeProvider time, IOptions<GatewayOptions> options)
{
    /// <summary>Every violation in <paramref name="request"/>; empty for a request type without checks.</summary>
    public IReadOnlyList<FieldViolation> Validate(object request)
    {
        var v = new Violations();
        switch (request)
        {
            case SubmitRequest r:
                var gateway = options.Value;
                // Whether this caller may send as the envelope's sender is decided first by the handler; not judged here.
                return EnvelopeValidator.Validate(r.Envelope, expectedSender: null, time.GetUtcNow(), gateway.MaxClockSkew);
            case SubscribeRequest r:
                RequestChecks.Subscribe(v, r);
                break;
            case AcknowledgeRequest r:
                EnvelopeValidator.ValidateId(v, "message_id", r.MessageId);
                v.OptionalBodyId("acknowledging_body", r.AcknowledgingBody);
                break;
            case AcknowledgeBatchRequest r:
                // Each item's own fields are judged per item (an outcome each), so one bad item never fails the rest.
                BatchSize(v, "items", r);
                break;
            case SubscribeAcknowledgingRequest { RequestCase: SubscribeAcknowledgingRequest.RequestOneofCase.Subscribe } r:
                RequestChecks.Subscribe(v, r.Subscribe);
                break;
            case SubscribeAcknowledgingRequest { RequestCase: SubscribeAcknowledgingRequest.RequestOneofCase.Acknowledge } r:
                BatchSize(v, "acknowledge.items", r.Acknowledge);
                break;
            case SubscribeAcknowledgingRequest:
                v.Add("request", "must carry subscribe or acknowledge");
                break;
            case SubmitStreamRequest:
                // Judged per item by the stream (the checks a unary SubmitRequest gets here), so one bad item never ends the stream.
                break;
            case GetMessageRequest r:
                EnvelopeValidator.ValidateId(v, "message_id", r.MessageId);
                break;
            case ListMessagesRequest r:
                RequestChecks.ListMessages(v, r);
                break;
            case GetTimelineRequest r:
                EnvelopeValidator.ValidateId(v, "message_id", r.MessageId);
                break;
            case ExportEvidenceRequest r:
                EnvelopeValidator.ValidateId(v, "message_id", r.MessageId);
                break;
            case RelayRequest r:
                PeerRequestChecks.Relay(v, r);
                break;
            case RelayStatusRequest r:
                PeerRequestChecks.RelayStatus(v, r);
                break;
            case RelayStreamRequest { Notices: { } r }:
                PeerRequestChecks.Relay(v, r);
                break;
            case RelayStreamRequest { Reports: { } r }:
                PeerRequestChecks.RelayStatus(v, r);
                break;
            case AdvanceRequest r:
                RequestChecks.Advance(v, r);
                break;
        }

        return v.Items;
    }

    private static void BatchSize(Violations v, string field, AcknowledgeBatchRequest batch)
    {
        if (batch.Items.Count is 0 or > Routing.Acknowledger.MaxBatch)
        {
            v.Add(field, $"must hold 1 to {Routing.Acknowledger.MaxBatch} acknowledgements");
        }
    }
}
