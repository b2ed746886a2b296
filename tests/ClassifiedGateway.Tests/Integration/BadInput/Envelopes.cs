using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>Valid KZ envelopes as KZ's competent body would submit them, to spoil one field at a time.</summary>
internal static class Envelopes
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    public static Envelope Valid(Case kind = Case.ConsultationRequest) => Notices.Envelope("bad-input-" + kind, Party.Kz, Now, kind);

    public static byte[] Submit(Envelope envelope) => new SubmitRequest { Envelope = envelope }.ToByteArray();

    /// <summary>A SubmitRequest whose envelope carries raw <paramref name="envelopeBytes"/>.</summary>
    public static byte[] Submit(byte[] envelopeBytes) => Wire.Field(1, envelopeBytes);

    /// <summary>The four out-of-range timestamp variants.</summary>
    public static IEnumerable<(string Name, Timestamp Value)> BadTimestamps()
    {
        yield return ("nanos-1e9", new Timestamp { Seconds = 1_700_000_000, Nanos = 1_000_000_000 });
        yield return ("nanos-negative", new Timestamp { Seconds = 1_700_000_000, Nanos = -1 });
        yield return ("year-10000", new Timestamp { Seconds = 253_402_300_800 });
        yield return ("before-year-1", new Timestamp { Seconds = -62_135_596_801 });
    }

    public static IEnumerable<(string Name, CalendarDate Value)> BadDates()
    {
        yield return ("year-10000", new CalendarDate { Year = 10000, Month = 1, Day = 1 });
        yield return ("year-0", new CalendarDate { Year = 0, Month = 1, Day = 1 });
        yield return ("month-13", new CalendarDate { Year = 2030, Month = 13, Day = 1 });
        yield return ("february-30", new CalendarDate { Year = 2030, Month = 2, Day = 30 });
    }

    /// <summary>Control characters and escapes that must never get into an id.</summary>
    public static IEnumerable<(string Name, string Value)> HostileIds()
    {
        yield return ("crlf", "kz-knb\r\nINFO forged line");
        yield return ("nul", "kz-knb\0");
        yield return ("ansi", "kz-knb\u001b[31mred");
        yield return ("backspace", "kz-knb\b\b\bxx");
        yield return ("trailing-newline", "kz-knb\n");
    }
}
