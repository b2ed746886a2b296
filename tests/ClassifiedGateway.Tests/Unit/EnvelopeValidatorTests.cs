using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Validation;
using ClassifiedGateway.Tests.Harness;
using Google.Protobuf.WellKnownTypes;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit;

public sealed class EnvelopeValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2027-01-10T10:00:00Z");

    private static IReadOnlyList<string> Fields(Envelope e) =>
        [.. EnvelopeValidator.Validate(e, Party.Kz, Now, TimeSpan.FromMinutes(5)).Select(v => v.Field)];

    [Fact]
    public void Every_sample_kind_is_valid()
    {
        foreach (var kind in Notices.AllKinds)
        {
            Assert.Empty(Fields(Notices.Envelope("ok", Party.Kz, Now, kind)));
        }
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "created-too-far-ahead", "envelope.created_at" },
        { "created-within-skew", "" },
        { "special-arrangement-without-arrangement", "transfer_notice.transport_arrangement_id" },
        { "carrier-above-envelope-level", "transfer_notice.carriers[0].level" },
        { "level-change-and-declassified", "classification_change.new_level" },
        { "level-change-neither", "classification_change.new_level" },
        { "confirmed-without-level", "clearance_confirmation.level_held" },
        { "refused-confirmation-needs-no-level", "" },
        { "february-30", "visit_request.first_day" },
        { "zero-duration", "visit_request.duration_days" },
        { "topic-without-level", "visit_request.topics[0].level" },
        { "no-bodies-to-visit", "visit_request.bodies_to_visit" },
        { "reply-to-itself", "envelope.in_reply_to" },
        { "undefined-level", "envelope.level" },
        { "copy-granted-zero", "copy_permission.copies_permitted" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_field_is_named(string scenario, string field)
    {
        var e = Build(scenario);
        var fields = Fields(e);
        if (field.Length == 0)
        {
            Assert.Empty(fields);
        }
        else
        {
            Assert.Contains(field, fields);
        }
    }

    private static Envelope Build(string scenario)
    {
        Envelope Of(Case kind) => Notices.Envelope("x", Party.Kz, Now, kind);
        var e = Of(Case.ConsultationRequest);
        switch (scenario)
        {
            case "created-too-far-ahead": e.CreatedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(6)); break;
            case "created-within-skew": e.CreatedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(4)); break;
            case "special-arrangement-without-arrangement": e = Of(Case.TransferNotice); e.TransferNotice.Channel = TransferChannel.SpecialArrangement; break;
            case "carrier-above-envelope-level": e = Of(Case.TransferNotice); e.TransferNotice.Carriers[0].Level = ClassificationLevel.TopSecret; break;
            case "level-change-and-declassified": e = Of(Case.ClassificationChange); e.ClassificationChange.Declassified = true; break;
            case "level-change-neither": e = Of(Case.ClassificationChange); e.ClassificationChange.NewLevel = ClassificationLevel.Unspecified; break;
            case "confirmed-without-level": e = Of(Case.ClearanceConfirmation); e.ClearanceConfirmation.LevelHeld = ClassificationLevel.Unspecified; break;
            case "refused-confirmation-needs-no-level":
                e = Of(Case.ClearanceConfirmation);
                e.ClearanceConfirmation.Confirmed = false;
                e.ClearanceConfirmation.LevelHeld = ClassificationLevel.Unspecified;
                e.ClearanceConfirmation.ValidUntil = null;
                break;
            case "february-30": e = Of(Case.VisitRequest); e.VisitRequest.FirstDay = new CalendarDate { Year = 2027, Month = 2, Day = 30 }; break;
            case "zero-duration": e = Of(Case.VisitRequest); e.VisitRequest.DurationDays = 0; break;
            case "topic-without-level": e = Of(Case.VisitRequest); e.VisitRequest.Topics[0].Level = ClassificationLevel.Unspecified; break;
            case "no-bodies-to-visit": e = Of(Case.VisitRequest); e.VisitRequest.BodiesToVisit.Clear(); break;
            case "reply-to-itself": e = Of(Case.VisitDecision); e.InReplyTo = e.Id; break;
            case "undefined-level": e.Level = (ClassificationLevel)9; break;
            case "copy-granted-zero": e = Of(Case.CopyPermission); e.CopyPermission.CopiesPermitted = 0; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        return e;
    }
}
