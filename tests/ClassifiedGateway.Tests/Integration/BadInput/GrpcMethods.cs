using ClassifiedGateway.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>Every method of every service the node serves, on the listener where the suite's identity is authorized, with a
/// valid request body (used where only the framing around it is bad).</summary>
internal static class GrpcMethods
{
    public const string Party = "/classified.gateway.v1.PartyGatewayService/";
    public const string Peer = "/classified.gateway.v1.PeerRelayService/";
    public const string Operator = "/classified.gateway.v1.OperatorService/";
    public const string Clock = "/classified.gateway.v1.DevClockService/";
    public const string HealthCheck = "/grpc.health.v1.Health/Check";

    /// <summary>(listener, path, whether the request is a single message, a valid request's bytes).</summary>
    public static IReadOnlyList<(Listener Listener, string Path, bool Single, byte[] Valid)> All { get; } =
    [
        (Listener.Local, Party + "Submit", true, new SubmitRequest { Envelope = Envelopes.Valid() }.ToByteArray()),
        (Listener.Local, Party + "Subscribe", true, new SubscribeRequest().ToByteArray()),
        (Listener.Local, Party + "Acknowledge", true, new AcknowledgeRequest { MessageId = "nothing-here" }.ToByteArray()),
        (Listener.Local, Party + "GetMessage", true, new GetMessageRequest { MessageId = "nothing-here" }.ToByteArray()),
        // An item without an envelope: a per-item INVALID_ARGUMENT outcome, nothing stored.
        (Listener.Local, Party + "SubmitStream", false, new SubmitStreamRequest().ToByteArray()),
        (Listener.Local, Party + "SubscribeAcknowledging", false,
            new SubscribeAcknowledgingRequest { Subscribe = new SubscribeRequest() }.ToByteArray()),
        (Listener.Local, Party + "AcknowledgeBatch", true,
            new AcknowledgeBatchRequest { Items = { new AcknowledgeRequest { MessageId = "nothing-here" } } }.ToByteArray()),
        (Listener.Local, Clock + "GetTime", true, []),
        (Listener.Local, Clock + "Advance", true, new AdvanceRequest { By = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }.ToByteArray()),
        (Listener.Local, HealthCheck, true, []),
        (Listener.Local, "/grpc.health.v1.Health/Watch", true, []),
        (Listener.Peer, Peer + "Relay", true, new RelayRequest { FromParty = ClassifiedGateway.Contracts.V1.Party.Tm }.ToByteArray()),
        (Listener.Peer, Peer + "RelayStatus", true, new RelayStatusRequest { FromParty = ClassifiedGateway.Contracts.V1.Party.Tm }.ToByteArray()),
        (Listener.Peer, Peer + "RelayStream", false,
            new RelayStreamRequest { Batch = 1, Reports = new RelayStatusRequest { FromParty = ClassifiedGateway.Contracts.V1.Party.Tm } }.ToByteArray()),
        (Listener.Peer, HealthCheck, true, []),
        (Listener.Operator, Operator + "ListMessages", true, []),
        (Listener.Operator, Operator + "GetTimeline", true, new GetTimelineRequest { MessageId = "nothing-here" }.ToByteArray()),
        (Listener.Operator, Operator + "WatchStageChanges", true, []),
        (Listener.Operator, Operator + "CountByStage", true, []),
        (Listener.Operator, Operator + "ListObligations", true, []),
        (Listener.Operator, Operator + "GetAgreementState", true, []),
        (Listener.Operator, Operator + "GetNodeHealth", true, []),
        (Listener.Operator, Operator + "ExportEvidence", true, new ExportEvidenceRequest { MessageId = "nothing-here" }.ToByteArray()),
        (Listener.Operator, HealthCheck, true, []),
        (Listener.Operator, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", false, Wire.Field(7, [])),
        (Listener.Operator, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", false, Wire.Field(7, [])),
    ];
}
