using ClassifiedGateway.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Valid sample notices of every kind.</summary>
internal static class Notices
{
    public const string KzCompetentBody = "kz-knb";
    public const string TmCompetentBody = "tm-mns";
    public const string KzAuthorizedBody = "kz-ab-1";
    public const string TmAuthorizedBody = "tm-ab-1";

    public static IEnumerable<Case> AllKinds => System.Enum.GetValues<Case>().Where(c => c != Case.None);

    public static Envelope Envelope(string id, Party from, DateTimeOffset now, Case kind, string? inReplyTo = null)
    {
        var to = from == Party.Kz ? Party.Tm : Party.Kz;
        var envelope = new Envelope
        {
            Id = id,
            SenderParty = from,
            SenderBody = from == Party.Kz ? KzCompetentBody : TmCompetentBody,
            ReceiverParty = to,
            ReceiverBody = to == Party.Kz ? KzCompetentBody : TmCompetentBody,
            CreatedAt = Timestamp.FromDateTimeOffset(now),
            InReplyTo = inReplyTo ?? "",
            CorrelationId = "corr-" + id,
        };
        Fill(envelope, kind, now);
        var answers = ClassifiedGateway.Gateway.Domain.NoticeKinds.Of(kind);
        if (answers.ReplyRequired && envelope.InReplyTo.Length == 0)
        {
            envelope.InReplyTo = "request-of-" + id;
        }

        if (answers.ConcernsClassifiedMaterial)
        {
            envelope.Level = ClassificationLevel.Secret;
        }

        return envelope;
    }

    public static Envelope Consultation(string id, Party from, DateTimeOffset now) => Envelope(id, from, now, Case.ConsultationRequest);

    public static Visitor Visitor() => new()
    {
        Surname = "Testov",
        GivenName = "Test",
        DateOfBirth = new CalendarDate { Year = 1980, Month = 5, Day = 17 },
        PlaceOfBirth = "Astana",
        Citizenship = "KZ",
        PassportNumber = "N0000000",
        Position = "Officer",
        EmployerBodyId = KzAuthorizedBody,
        ClearanceLevel = ClassificationLevel.TopSecret,
    };

    public static VisitRequest Visit(DateOnly firstDay) => new()
    {
        Visitors = { Visitor() },
        FirstDay = new CalendarDate { Year = firstDay.Year, Month = firstDay.Month, Day = firstDay.Day },
        DurationDays = 3,
        Purpose = "Consultations",
        Topics = { new DiscussionTopic { Subject = "Topic", Level = ClassificationLevel.Secret } },
        BodiesToVisit = { TmAuthorizedBody },
    };

    private static void Fill(Envelope e, Case kind, DateTimeOffset now)
    {
        var ts = Timestamp.FromDateTimeOffset(now);
        var date = new CalendarDate { Year = now.Year + 1, Month = 1, Day = 31 };
        switch (kind)
        {
            case Case.CompetentBodyChange: e.CompetentBodyChange = new() { NewBodyId = "kz-knb-2", NewName = "Renamed body", EffectiveAt = ts }; break;
            case Case.ClearanceConfirmationRequest: e.ClearanceConfirmationRequest = new() { AuthorizedBodyId = TmAuthorizedBody, LevelRequired = ClassificationLevel.Secret }; break;
            case Case.ClearanceConfirmation: e.ClearanceConfirmation = new() { AuthorizedBodyId = KzAuthorizedBody, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = date }; break;
            case Case.TransferNotice:
                e.TransferNotice = new()
                {
                    Carriers = { new Carrier { CarrierId = "c-1", Level = ClassificationLevel.Secret, Description = "SECRET-DESCRIPTION", Copies = 1 } },
                    Channel = TransferChannel.StateCourier,
                    DispatchedAt = ts,
                };
                break;
            case Case.ReceiptConfirmation: e.ReceiptConfirmation = new() { TransferId = "t-1", ReceivedAt = ts }; break;
            case Case.TransportArrangement: e.TransportArrangement = new() { ArrangementId = "a-1", TransportMethod = "Escorted car", Route = "Astana-Ashgabat" }; break;
            case Case.ClassificationChange: e.ClassificationChange = new() { TransferId = "t-1", NewLevel = ClassificationLevel.Secret, DecidedAt = ts }; break;
            case Case.CopyRequest: e.CopyRequest = new() { TransferId = "t-1", Copies = 2 }; break;
            case Case.CopyPermission: e.CopyPermission = new() { Granted = true, CopiesPermitted = 2 }; break;
            case Case.DestructionRequest: e.DestructionRequest = new() { TransferId = "t-1", Method = DisposalMethod.Destroy }; break;
            case Case.DestructionAgreement: e.DestructionAgreement = new() { Agreed = true }; break;
            case Case.DestructionNotice: e.DestructionNotice = new() { TransferId = "t-1", DestroyedAt = ts, DestructionAgreementId = "d-1" }; break;
            case Case.ThirdPartyDisclosureRequest: e.ThirdPartyDisclosureRequest = new() { TransferId = "t-1", ThirdParty = "Someone" }; break;
            case Case.ThirdPartyDisclosureConsent: e.ThirdPartyDisclosureConsent = new() { Granted = false }; break;
            case Case.VisitRequest: e.VisitRequest = Visit(DateOnly.FromDateTime(now.UtcDateTime).AddMonths(2)); break;
            case Case.VisitDecision: e.VisitDecision = new() { Approved = true }; break;
            case Case.BreachNotification: e.BreachNotification = new() { DiscoveredAt = ts, Circumstances = "CLASSIFIED-CIRCUMSTANCES" }; break;
            case Case.InvestigationResult: e.InvestigationResult = new() { Findings = "Findings", MeasuresTaken = "Measures" }; break;
            case Case.ConsultationRequest: e.ConsultationRequest = new() { Subject = "Consultations" }; break;
            case Case.RegulationsExchange: e.RegulationsExchange = new() { Title = "Law on state secrets" }; break;
            case Case.DomesticProceduresCompleted: e.DomesticProceduresCompleted = new() { CompletedOn = new CalendarDate { Year = 2017, Month = 8, Day = 21 } }; break;
            case Case.TerminationNotice: e.TerminationNotice = new() { Reason = "Test" }; break;
            case Case.ContractRegistration:
                e.ContractRegistration = new() { ContractReference = "k-1", Title = "Contract", Items = { new ContractItem { Subject = "Item", Level = ClassificationLevel.Secret } } };
                break;
            case Case.CopyNotice: e.CopyNotice = new() { TransferId = "t-1", Copies = 1, CopyPermissionId = "p-1" }; break;
            case Case.ThirdPartyDisclosureNotice: e.ThirdPartyDisclosureNotice = new() { TransferId = "t-1", ThirdParty = "Someone", ConsentId = "c-1" }; break;
            case Case.JointCreationNotice: e.JointCreationNotice = new() { InformationId = "j-1", Level = ClassificationLevel.TopSecret, CreatedAt = ts, Description = "JOINT-DESCRIPTION" }; break;
            case Case.JointCreationConfirmation: e.JointCreationConfirmation = new() { InformationId = "j-1", Confirmed = true }; break;
            case Case.JointClassificationChangeAgreement: e.JointClassificationChangeAgreement = new() { InformationId = "j-1", NewLevel = ClassificationLevel.Secret }; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
