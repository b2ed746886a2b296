using ClassifiedGateway.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Demo;

/// <summary>One step of the scripted exchange: who sent what, and what the sending node answered.</summary>
internal sealed record DemoStep(string Title, DemoNode Sender, Envelope Envelope, string? Refusal);

/// <summary>The scripted exchange: a clearance request and confirmation, a transfer and its receipt, a visit request
/// sent too late (refused), a breach notice. With several replicas per Party, each step is sent through the Party's next replica
/// and awaited at the other Party's next one, so the exchange crosses every replica.</summary>
internal sealed class DemoScript(IReadOnlyList<DemoNode> kzReplicas, IReadOnlyList<DemoNode> tmReplicas, string run)
{
    private int _turn;

    private const string KzCb = "kz-knb";
    private const string TmCb = "tm-mns";
    private const string KzAb = "kz-ab-1";
    private const string TmAb = "tm-ab-1";

    public List<DemoStep> Steps { get; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = (await kzReplicas[0].Clock.GetTimeAsync(new GetTimeRequest(), cancellationToken: cancellationToken)).Now.ToDateTimeOffset();
        var ts = Timestamp.FromDateTimeOffset(now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var request = await SendAsync("Clearance confirmation request (Art. 5.1)", Party.Kz, Envelope(Party.Kz, KzCb, TmCb, "clearance-request", now, e =>
            e.ClearanceConfirmationRequest = new() { AuthorizedBodyId = TmAb, AuthorizedBodyName = "TM authorized body 1", LevelRequired = ClassificationLevel.Secret }), cancellationToken);
        await WaitArrivedAsync(Party.Tm, request, cancellationToken);
        var confirmation = await SendAsync("Clearance confirmation (Art. 5.1)", Party.Tm, Envelope(Party.Tm, TmCb, KzCb, "clearance-confirmation", now, e =>
        {
            e.InReplyTo = request.Id;
            e.ClearanceConfirmation = new() { AuthorizedBodyId = TmAb, Confirmed = true, LevelHeld = ClassificationLevel.TopSecret, ValidUntil = Date(today.AddYears(1)) };
        }), cancellationToken);
        await WaitArrivedAsync(Party.Kz, confirmation, cancellationToken);

        await SendAsync("Transfer to a body with no clearance confirmation (Art. 5.1)", Party.Kz, Envelope(Party.Kz, KzAb, "tm-ab-2", "transfer-uncleared", now, e =>
        {
            e.Level = ClassificationLevel.Secret;
            e.TransferNotice = new()
            {
                Carriers = { new Carrier { CarrierId = "carrier-0", Level = ClassificationLevel.Secret, Description = "(classified description)", Copies = 1 } },
                Channel = TransferChannel.Diplomatic,
                DispatchedAt = ts,
            };
        }), cancellationToken);

        var transfer = await SendAsync("Transfer notice (Art. 5)", Party.Kz, Envelope(Party.Kz, KzAb, TmAb, "transfer", now, e =>
        {
            e.Level = ClassificationLevel.Secret;
            e.TransferNotice = new()
            {
                Carriers = { new Carrier { CarrierId = "carrier-1", Level = ClassificationLevel.Secret, Description = "(classified description)", Copies = 1 } },
                Channel = TransferChannel.StateCourier,
                DispatchedAt = ts,
            };
        }), cancellationToken);
        await WaitArrivedAsync(Party.Tm, transfer, cancellationToken);
        await SendAsync("Receipt confirmation (Art. 5.4)", Party.Tm, Envelope(Party.Tm, TmAb, KzAb, "receipt", now, e =>
        {
            e.InReplyTo = transfer.Id;
            e.ReceiptConfirmation = new() { TransferId = transfer.Id, ReceivedAt = ts, CarrierIds = { "carrier-1" } };
        }), cancellationToken);

        var visitDay = today.AddDays(10);
        await SendAsync("Visit request 10 days ahead (Art. 9.2: one month needed)", Party.Kz, Envelope(Party.Kz, KzCb, TmCb, "visit", now, e =>
        {
            e.Level = ClassificationLevel.Secret;
            e.VisitRequest = new()
            {
                Visitors = { new Visitor { Surname = "(surname)", GivenName = "(name)", DateOfBirth = Date(new DateOnly(1980, 1, 1)), PlaceOfBirth = "(place)",
                    Citizenship = "KZ", PassportNumber = "(passport)", Position = "Officer", EmployerBodyId = KzAb, ClearanceLevel = ClassificationLevel.TopSecret } },
                FirstDay = Date(visitDay),
                DurationDays = 2,
                Purpose = "Working meeting",
                Topics = { new DiscussionTopic { Subject = "(topic)", Level = ClassificationLevel.Secret } },
                BodiesToVisit = { TmAb },
            };
        }), cancellationToken);

        var breach = await SendAsync("Breach notification, discovered two days ago (Art. 11: immediately; policy 24 h)", Party.Tm, Envelope(Party.Tm, TmCb, KzCb, "breach", now, e =>
        {
            e.Level = ClassificationLevel.Secret;
            e.BreachNotification = new() { TransferId = transfer.Id, DiscoveredAt = Timestamp.FromDateTimeOffset(now.AddDays(-2)), Circumstances = "(classified circumstances)" };
        }), cancellationToken);
        await WaitArrivedAsync(Party.Kz, breach, cancellationToken);
    }

    /// <summary>The Party's replica for the next step.</summary>
    private DemoNode Next(IReadOnlyList<DemoNode> replicas) => replicas[_turn++ % replicas.Count];

    private Envelope Envelope(Party from, string senderBody, string receiverBody, string name, DateTimeOffset now, Action<Envelope> fill)
    {
        var envelope = new Envelope
        {
            Id = $"demo-{run}-{name}",
            SenderParty = from,
            SenderBody = senderBody,
            ReceiverParty = from == Party.Kz ? Party.Tm : Party.Kz,
            ReceiverBody = receiverBody,
            CreatedAt = Timestamp.FromDateTimeOffset(now),
            CorrelationId = $"demo-{run}",
        };
        fill(envelope);
        return envelope;
    }

    private async Task<Envelope> SendAsync(string title, Party from, Envelope envelope, CancellationToken cancellationToken)
    {
        var sender = Next(from == Party.Kz ? kzReplicas : tmReplicas);
        string? refusal = null;
        try
        {
            await sender.Party.SubmitAsync(new SubmitRequest { Envelope = envelope }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument)
        {
            refusal = $"{e.StatusCode}: {e.Status.Detail}";
        }

        Steps.Add(new DemoStep(title, sender, envelope, refusal));
        return envelope;
    }

    private async Task WaitArrivedAsync(Party at, Envelope envelope, CancellationToken cancellationToken)
    {
        var receiver = Next(at == Party.Kz ? kzReplicas : tmReplicas);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await receiver.Party.GetMessageAsync(new GetMessageRequest { MessageId = envelope.Id }, cancellationToken: timeout.Token);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
    }

    /// <summary>Moves both nodes' clocks (development only) so deadlines can be seen passing.</summary>
    public async Task AdvanceClocksAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        // Every replica keeps its own development clock: all of them move, so whichever scans for overdue obligations agrees.
        foreach (var node in kzReplicas.Concat(tmReplicas))
        {
            await node.Clock.AdvanceAsync(new AdvanceRequest { By = Duration.FromTimeSpan(by) }, cancellationToken: cancellationToken);
        }
    }

    private static CalendarDate Date(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
