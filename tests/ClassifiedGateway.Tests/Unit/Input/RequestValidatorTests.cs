using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Options;
using ClassifiedGateway.Gateway.Validation.Requests;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;

namespace ClassifiedGateway.Tests.Unit.Input;

public sealed class RequestValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2027-01-10T10:00:00Z");
    private static readonly RequestValidator Validator = new(new FakeTimeProvider(Now), Microsoft.Extensions.Options.Options.Create(new GatewayOptions { Party = "KZ" }));

    private static IReadOnlyList<string> Fields(object request) => [.. Validator.Validate(request).Select(v => v.Field)];

    public static TheoryData<string, long, int, bool> Timestamps => new()
    {
        { "now", 1_800_000_000, 0, true },
        { "last nanosecond", 1_800_000_000, 999_999_999, true },
        { "nanos 1e9", 1_800_000_000, 1_000_000_000, false },
        { "nanos negative", 1_800_000_000, -1, false },
        { "last second of 9999", 253_402_300_799, 0, true },
        { "year 10000", 253_402_300_800, 0, false },
        { "before year 1", -62_135_596_801, 0, false },
        { "before 1970", -1, 0, false },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Every_timestamp_from_outside_is_range_checked(string why, long seconds, int nanos, bool valid)
    {
        var at = new Timestamp { Seconds = seconds, Nanos = nanos };
        var requests = new (object Request, string Field)[]
        {
            (new ListMessagesRequest { AcceptedFrom = at }, "accepted_from"),
            (new ListMessagesRequest { AcceptedTo = at }, "accepted_to"),
            (new RelayRequest { Notices = { new RelayedNotice { AcceptedAt = at } } }, "notices[0].accepted_at"),
            (new RelayStatusRequest { Reports = { new StatusReport { MessageId = "m-1", At = at } } }, "reports[0].at"),
        };

        foreach (var (request, field) in requests)
        {
            Assert.True(valid == !Fields(request).Contains(field), $"{why}: {field}");
        }
    }

    public static TheoryData<string, long, int, bool> Durations => new()
    {
        { "one second", 1, 0, true },
        { "ten years", 3660L * 86_400, 0, true },
        { "over ten years", (3660L * 86_400) + 1, 0, false },
        { "huge", long.MaxValue, 0, false },
        { "zero", 0, 0, false },
        { "negative", -1, 0, false },
        { "mixed sign", 5, -1, false },
        { "nanos 1e9", 1, 1_000_000_000, false },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void DevClock_advance_takes_only_a_positive_well_formed_duration(string why, long seconds, int nanos, bool valid)
    {
        Assert.True(valid == (Fields(new AdvanceRequest { By = new Duration { Seconds = seconds, Nanos = nanos } }).Count == 0), why);
    }

    public static TheoryData<string, bool> BodyIds => new()
    {
        { "kz-ab-1", true },
        { "a.b_c:d-e", true },
        { new string('x', 128), true },
        { new string('x', 129), false },
        { "kz-ab-1\r\nforged", false },
        { "kz-ab-1\n", false },
        { "kz\0ab", false },
        { "kz\u001b[31m", false },
        { "kz\bab", false },
        { "kz ab", false },
        { "kz-ав", false },
    };

    [Theory]
    [MemberData(nameof(BodyIds))]
    public void Body_ids_and_correlation_ids_have_a_strict_charset(string id, bool valid)
    {
        var envelope = Notices.Consultation("c-1", Party.Kz, Now);
        envelope.SenderBody = id;
        envelope.ReceiverBody = id;
        envelope.CorrelationId = id;

        var fields = Fields(new SubmitRequest { Envelope = envelope });

        foreach (var field in new[] { "envelope.sender_body", "envelope.receiver_body", "envelope.correlation_id" })
        {
            Assert.True(valid == !fields.Contains(field), field);
        }

        Assert.True(valid == !Fields(new SubscribeRequest { ReceiverBody = id }).Contains("receiver_body"));
        Assert.True(valid == !Fields(new AcknowledgeRequest { MessageId = "m-1", AcknowledgingBody = id }).Contains("acknowledging_body"));
    }

    [Fact]
    public void A_message_id_with_a_trailing_newline_is_refused()
    {
        Assert.Contains("message_id", Fields(new GetMessageRequest { MessageId = "m-1\n" }));
    }

    [Fact]
    public void The_sender_party_is_left_to_the_handler_that_decides_who_may_send()
    {
        var envelope = Notices.Consultation("c-1", Party.Tm, Now);
        Assert.Empty(Fields(new SubmitRequest { Envelope = envelope }));
    }
}
