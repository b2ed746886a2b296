using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;

namespace ClassifiedGateway.Benchmarks.E2e;

/// <summary>The benchmark's notice: a consultation request from KZ's competent body to TM's, padded to 512 bytes on the wire.</summary>
internal static class BenchmarkNotice
{
    public const int Size = 512;

    public static Envelope Create(string id, DateTimeOffset now)
    {
        var envelope = new Envelope
        {
            Id = id,
            SenderParty = Party.Kz,
            SenderBody = Notices.KzCompetentBody,
            ReceiverParty = Party.Tm,
            ReceiverBody = Notices.TmCompetentBody,
            CreatedAt = Timestamp.FromDateTimeOffset(now),
            CorrelationId = "bench",
            ConsultationRequest = new ConsultationRequest { Subject = "Benchmark consultation" },
        };
        // The agenda takes what is left; its length prefix grows by one byte past 127 characters, hence the loop.
        var agenda = Size - envelope.CalculateSize();
        while (agenda > 0)
        {
            envelope.ConsultationRequest.Agenda = new string('a', agenda);
            var over = envelope.CalculateSize() - Size;
            if (over <= 0)
            {
                break;
            }

            agenda -= over;
        }

        return envelope;
    }
}
