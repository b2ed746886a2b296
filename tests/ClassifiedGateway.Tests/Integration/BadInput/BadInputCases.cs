using ClassifiedGateway.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static ClassifiedGateway.Tests.Integration.BadInput.BadCase;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>The table: class of bad input → method → bytes → expected status (and field).</summary>
internal static class BadInputCases
{
    /// <summary>The node's default Gateway:Limits:MaxMessageBytes.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    public static IReadOnlyDictionary<string, BadCase> ById { get; } = Build().ToDictionary(c => c.Id);

    private static IEnumerable<BadCase> Build() =>
        Malformed().Concat(Framing()).Concat(Strings()).Concat(Times()).Concat(Sizes()).Concat(Ids());

    /// <summary>Bytes that are not a protocol buffer message, sent to every method of every service.</summary>
    private static IEnumerable<BadCase> Malformed()
    {
        var classes = new (string Name, byte[] Bytes)[]
        {
            ("garbage", Wire.Garbage), ("truncated-message", Wire.TruncatedMessage), ("truncated-varint", Wire.TruncatedVarint),
            ("field-number-0", Wire.FieldZero), ("wire-type-7", Wire.WireType7), ("stray-end-group", Wire.StrayEndGroup),
            ("200-nested-groups", Wire.NestedGroups(200)), ("length-beyond-end", Wire.LengthBeyondEnd),
        };
        foreach (var (name, bytes) in classes)
        {
            foreach (var m in GrpcMethods.All)
            {
                yield return new BadCase("protobuf." + name, m.Listener, m.Path, Wire.Frame(bytes), InvalidArgument, "request");
            }
        }
    }

    /// <summary>Well-formed messages in bad gRPC framing, sent to every method.</summary>
    private static IEnumerable<BadCase> Framing()
    {
        var gzip = new Dictionary<string, string> { ["grpc-encoding"] = "gzip" };
        var identity = new Dictionary<string, string> { ["grpc-encoding"] = "identity" };
        foreach (var m in GrpcMethods.All)
        {
            var frame = Wire.Frame(m.Valid);
            yield return new BadCase("frame.length-beyond-body", m.Listener, m.Path, Wire.Frame(m.Valid, announced: (uint)m.Valid.Length + 100), InvalidArgument, "grpc-frame");
            yield return new BadCase("frame.header-cut", m.Listener, m.Path, [0, 0, 0], InvalidArgument, "grpc-frame");
            yield return new BadCase("frame.compressed-flag-2", m.Listener, m.Path, Wire.Frame(m.Valid, flag: 2), InvalidArgument, "grpc-frame");
            yield return new BadCase("frame.compressed-without-encoding", m.Listener, m.Path, Wire.Frame(m.Valid, flag: 1), InvalidArgument, "grpc-frame");
            yield return new BadCase("frame.compressed-identity-encoding", m.Listener, m.Path, Wire.Frame(m.Valid, flag: 1), InvalidArgument, "grpc-frame", identity);
            yield return new BadCase("frame.compressed-gzip-refused", m.Listener, m.Path, Wire.Frame(m.Valid, flag: 1), Unimplemented, null, gzip);
            yield return new BadCase("frame.compressed-unknown-encoding", m.Listener, m.Path, Wire.Frame(m.Valid, flag: 1), Unimplemented, null,
                new Dictionary<string, string> { ["grpc-encoding"] = "zstd-of-doom" });
            if (m.Single)
            {
                yield return new BadCase("frame.two-messages-in-unary", m.Listener, m.Path, [.. frame, .. frame], InvalidArgument, "grpc-frame");
                yield return new BadCase("frame.trailing-bytes", m.Listener, m.Path, [.. frame, 0, 0], InvalidArgument, "grpc-frame");
                yield return new BadCase("frame.no-message", m.Listener, m.Path, [], InvalidArgument, "grpc-frame");
            }
        }
    }

    /// <summary>Bytes that are not UTF-8 in every string-bearing position of a request.</summary>
    private static IEnumerable<BadCase> Strings()
    {
        BadCase Utf8(string position, Listener listener, string method, byte[] message) =>
            new("utf8." + position, listener, method, Wire.Frame(message), InvalidArgument, "request");

        var submit = GrpcMethods.Party + "Submit";
        foreach (var (field, number) in new[] { ("id", 1), ("sender_body", 3), ("receiver_body", 5), ("in_reply_to", 7), ("correlation_id", 9) })
        {
            yield return Utf8("envelope." + field, Listener.Local, submit, Envelopes.Submit(Wire.WithBadString(Envelopes.Valid(), number)));
        }

        var consultation = Envelopes.Valid();
        var subject = Wire.Field(38, Wire.WithBadString(consultation.ConsultationRequest, 1));
        consultation.ClearNotice();
        yield return Utf8("consultation_request.subject", Listener.Local, submit, Envelopes.Submit([.. consultation.ToByteArray(), .. subject]));

        var visit = Envelopes.Valid(Case.VisitRequest);
        var visitor = Wire.Field(34, [.. visit.VisitRequest.ToByteArray(), .. Wire.Field(1, Wire.WithBadString(visit.VisitRequest.Visitors[0], 1))]);
        visit.ClearNotice();
        yield return Utf8("visit_request.visitors.surname", Listener.Local, submit, Envelopes.Submit([.. visit.ToByteArray(), .. visitor]));

        yield return Utf8("subscribe.receiver_body", Listener.Local, GrpcMethods.Party + "Subscribe", Wire.WithBadString(new SubscribeRequest(), 2));
        yield return Utf8("acknowledge.message_id", Listener.Local, GrpcMethods.Party + "Acknowledge", Wire.WithBadString(new AcknowledgeRequest(), 1));
        yield return Utf8("acknowledge.acknowledging_body", Listener.Local, GrpcMethods.Party + "Acknowledge", Wire.WithBadString(new AcknowledgeRequest { MessageId = "m-1" }, 2));
        yield return Utf8("acknowledge_batch.items.message_id", Listener.Local, GrpcMethods.Party + "AcknowledgeBatch",
            Wire.Field(1, Wire.WithBadString(new AcknowledgeRequest(), 1)));
        yield return Utf8("subscribe_acknowledging.subscribe.receiver_body", Listener.Local, GrpcMethods.Party + "SubscribeAcknowledging",
            Wire.Field(1, Wire.WithBadString(new SubscribeRequest(), 2)));
        yield return Utf8("submit_stream.envelope.id", Listener.Local, GrpcMethods.Party + "SubmitStream",
            Wire.Field(1, Wire.WithBadString(Envelopes.Valid(), 1)));
        yield return Utf8("get_message.message_id", Listener.Local, GrpcMethods.Party + "GetMessage", Wire.WithBadString(new GetMessageRequest(), 1));
        yield return Utf8("health.service", Listener.Local, GrpcMethods.HealthCheck, Wire.Field(1, Wire.NotUtf8));
        yield return Utf8("status_report.message_id", Listener.Peer, GrpcMethods.Peer + "RelayStatus",
            [.. new RelayStatusRequest { FromParty = Party.Tm }.ToByteArray(), .. Wire.Field(2, Wire.WithBadString(new StatusReport(), 2))]);
        yield return Utf8("status_report.by_body", Listener.Peer, GrpcMethods.Peer + "RelayStatus",
            [.. new RelayStatusRequest { FromParty = Party.Tm }.ToByteArray(), .. Wire.Field(2, Wire.WithBadString(new StatusReport { MessageId = "m-1" }, 5))]);
        foreach (var (field, number) in new[] { ("kind", 1), ("body", 4), ("page_token", 6) })
        {
            yield return Utf8("list_messages." + field, Listener.Operator, GrpcMethods.Operator + "ListMessages", Wire.WithBadString(new ListMessagesRequest(), number));
        }

        yield return Utf8("get_timeline.message_id", Listener.Operator, GrpcMethods.Operator + "GetTimeline", Wire.WithBadString(new GetTimelineRequest(), 1));
        yield return Utf8("export_evidence.message_id", Listener.Operator, GrpcMethods.Operator + "ExportEvidence", Wire.WithBadString(new ExportEvidenceRequest(), 1));
        yield return Utf8("reflection.file_by_filename", Listener.Operator, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", Wire.Field(3, Wire.NotUtf8));
        yield return Utf8("reflection.v1alpha.list_services", Listener.Operator, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", Wire.Field(7, Wire.NotUtf8));
    }

    /// <summary>Every Timestamp, Duration and date from outside, out of range.</summary>
    private static IEnumerable<BadCase> Times()
    {
        var submit = GrpcMethods.Party + "Submit";
        foreach (var (name, value) in Envelopes.BadTimestamps())
        {
            BadCase Envelope(string field, Case kind, Action<Envelope> spoil)
            {
                var e = Envelopes.Valid(kind);
                spoil(e);
                return new($"time.{field}.{name}", Listener.Local, submit, Wire.Frame(Envelopes.Submit(e)), InvalidArgument, field);
            }

            yield return Envelope("envelope.created_at", Case.ConsultationRequest, e => e.CreatedAt = value);
            yield return Envelope("breach_notification.discovered_at", Case.BreachNotification, e => e.BreachNotification.DiscoveredAt = value);
            yield return Envelope("classification_change.decided_at", Case.ClassificationChange, e => e.ClassificationChange.DecidedAt = value);
            yield return Envelope("competent_body_change.effective_at", Case.CompetentBodyChange, e => e.CompetentBodyChange.EffectiveAt = value);
            yield return Envelope("transfer_notice.dispatched_at", Case.TransferNotice, e => e.TransferNotice.DispatchedAt = value);
            yield return Envelope("destruction_notice.destroyed_at", Case.DestructionNotice, e => e.DestructionNotice.DestroyedAt = value);
            yield return new($"time.accepted_from.{name}", Listener.Operator, GrpcMethods.Operator + "ListMessages",
                Wire.Frame(new ListMessagesRequest { AcceptedFrom = value }), InvalidArgument, "accepted_from");
            yield return new($"time.accepted_to.{name}", Listener.Operator, GrpcMethods.Operator + "ListMessages",
                Wire.Frame(new ListMessagesRequest { AcceptedTo = value }), InvalidArgument, "accepted_to");
            var notice = new RelayedNotice { Sequence = 1, Envelope = Envelopes.Valid().ToByteString(), AcceptedAt = value, Signature = ByteString.CopyFrom(1, 2, 3) };
            yield return new($"time.relayed_notice.accepted_at.{name}", Listener.Peer, GrpcMethods.Peer + "Relay",
                Wire.Frame(new RelayRequest { FromParty = Party.Tm, Notices = { notice } }), InvalidArgument, "notices[0].accepted_at");
            var report = new StatusReport { Sequence = 1, MessageId = "m-1", Stage = Stage.Acknowledged, At = value, ByBody = "tm-mns" };
            yield return new($"time.status_report.at.{name}", Listener.Peer, GrpcMethods.Peer + "RelayStatus",
                Wire.Frame(new RelayStatusRequest { FromParty = Party.Tm, Reports = { report } }), InvalidArgument, "reports[0].at");
            yield return new($"time.relay_stream.accepted_at.{name}", Listener.Peer, GrpcMethods.Peer + "RelayStream",
                Wire.Frame(new RelayStreamRequest { Batch = 1, Notices = new RelayRequest { FromParty = Party.Tm, Notices = { notice } } }), InvalidArgument, "notices[0].accepted_at");
        }

        foreach (var (name, value) in Envelopes.BadDates())
        {
            var e = Envelopes.Valid(Case.VisitRequest);
            e.VisitRequest.FirstDay = value;
            yield return new($"date.visit_request.first_day.{name}", Listener.Local, submit, Wire.Frame(Envelopes.Submit(e)), InvalidArgument, "visit_request.first_day");
        }

        var durations = new (string Name, Duration Value)[]
        {
            ("huge", new Duration { Seconds = 315_576_000_000 }), ("mixed-sign", new Duration { Seconds = 5, Nanos = -1 }),
            ("negative", new Duration { Seconds = -60 }), ("nanos-1e9", new Duration { Seconds = 1, Nanos = 1_000_000_000 }),
            ("over-ten-years", new Duration { Seconds = 3661L * 86_400 }), ("missing", null!),
        };
        foreach (var (name, value) in durations)
        {
            var request = value is null ? new AdvanceRequest() : new AdvanceRequest { By = value };
            yield return new($"duration.dev_clock.by.{name}", Listener.Local, GrpcMethods.Clock + "Advance", Wire.Frame(request), InvalidArgument, "by");
        }
    }

    /// <summary>Too large, and too many violations for one status.</summary>
    private static IEnumerable<BadCase> Sizes()
    {
        foreach (var m in GrpcMethods.All)
        {
            // The other node's relay messages may exceed a submit's limit by what the relay wraps around one notice.
            var limit = m.Listener == Listener.Peer ? MaxMessageBytes + ClassifiedGateway.Gateway.Security.LimitsOptions.PeerFrameAllowance : MaxMessageBytes;
            yield return new BadCase("size.message-over-limit", m.Listener, m.Path, Wire.Frame(new byte[limit + 1]), ResourceExhausted, null);
            yield return new BadCase("size.announced-4gb", m.Listener, m.Path, Wire.Frame([0x08, 0x01], announced: uint.MaxValue), ResourceExhausted, null);
        }

        var many = Envelopes.Valid(Case.TransferNotice);
        many.TransferNotice.Carriers.Clear();
        many.TransferNotice.Carriers.Add(Enumerable.Range(0, 850).Select(_ => new Carrier()));
        yield return new("size.850-field-violations", Listener.Local, GrpcMethods.Party + "Submit", Wire.Frame(Envelopes.Submit(many)), InvalidArgument, "transfer_notice.carriers[0].carrier_id");

        var huge = Envelopes.Valid();
        huge.ReceiverBody = new string('x', 200 * 1024);
        yield return new("size.200kb-receiver_body", Listener.Local, GrpcMethods.Party + "Submit", Wire.Frame(Envelopes.Submit(huge)), InvalidArgument, "envelope.receiver_body");
        yield return new("size.200kb-subscribe-receiver_body", Listener.Local, GrpcMethods.Party + "Subscribe",
            Wire.Frame(new SubscribeRequest { ReceiverBody = new string('x', 200 * 1024) }), InvalidArgument, "receiver_body");
        var hostile = Envelopes.Valid();
        hostile.ReceiverBody = string.Concat(Enumerable.Repeat("\u001b[2J\r\n", 30_000));
        yield return new("size.180kb-of-escapes-in-receiver_body", Listener.Local, GrpcMethods.Party + "Submit", Wire.Frame(Envelopes.Submit(hostile)), InvalidArgument, "envelope.receiver_body");
    }

    /// <summary>Control characters and escapes in body ids and correlation ids.</summary>
    private static IEnumerable<BadCase> Ids()
    {
        var submit = GrpcMethods.Party + "Submit";
        foreach (var (name, value) in Envelopes.HostileIds())
        {
            BadCase Envelope(string field, Case kind, Action<Envelope> spoil)
            {
                var e = Envelopes.Valid(kind);
                spoil(e);
                return new($"id.{field}.{name}", Listener.Local, submit, Wire.Frame(Envelopes.Submit(e)), InvalidArgument, field);
            }

            yield return Envelope("envelope.sender_body", Case.ConsultationRequest, e => e.SenderBody = value);
            yield return Envelope("envelope.receiver_body", Case.ConsultationRequest, e => e.ReceiverBody = value);
            yield return Envelope("envelope.correlation_id", Case.ConsultationRequest, e => e.CorrelationId = value);
            yield return Envelope("envelope.id", Case.ConsultationRequest, e => e.Id = value);
            yield return Envelope("competent_body_change.new_body_id", Case.CompetentBodyChange, e => e.CompetentBodyChange.NewBodyId = value);
            yield return Envelope("clearance_confirmation_request.authorized_body_id", Case.ClearanceConfirmationRequest, e => e.ClearanceConfirmationRequest.AuthorizedBodyId = value);
            yield return Envelope("visit_request.visitors[0].employer_body_id", Case.VisitRequest, e => e.VisitRequest.Visitors[0].EmployerBodyId = value);
            yield return Envelope("visit_request.bodies_to_visit[0]", Case.VisitRequest, e => e.VisitRequest.BodiesToVisit[0] = value);
            yield return new($"id.subscribe.receiver_body.{name}", Listener.Local, GrpcMethods.Party + "Subscribe",
                Wire.Frame(new SubscribeRequest { ReceiverBody = value }), InvalidArgument, "receiver_body");
            yield return new($"id.acknowledge.acknowledging_body.{name}", Listener.Local, GrpcMethods.Party + "Acknowledge",
                Wire.Frame(new AcknowledgeRequest { MessageId = "m-1", AcknowledgingBody = value }), InvalidArgument, "acknowledging_body");
            yield return new($"id.get_message.message_id.{name}", Listener.Local, GrpcMethods.Party + "GetMessage",
                Wire.Frame(new GetMessageRequest { MessageId = value }), InvalidArgument, "message_id");
            yield return new($"id.status_report.by_body.{name}", Listener.Peer, GrpcMethods.Peer + "RelayStatus",
                Wire.Frame(new RelayStatusRequest { FromParty = Party.Tm, Reports = { new StatusReport { MessageId = "m-1", At = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()), ByBody = value } } }),
                InvalidArgument, "reports[0].by_body");
            yield return new($"id.list_messages.body.{name}", Listener.Operator, GrpcMethods.Operator + "ListMessages",
                Wire.Frame(new ListMessagesRequest { Body = value }), InvalidArgument, "body");
        }
    }
}
