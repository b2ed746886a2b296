using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Transfers;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 5.5, 7 and 6.1: the transport arrangement, the contract's levels and the level of derived carriers.</summary>
public sealed class TransferRulesTests
{
    private static readonly TransferNeedsArrangementRule Arrangement = new();
    private static readonly TransferWithinContractRule Contract = new();
    private static readonly DerivedNotBelowSourceRule Derived = new();

    private static Envelope TransportArrangement(string id, string arrangementId, bool agreed, string? inReplyTo = null)
    {
        var e = Notice(id, Case.TransportArrangement, agreed ? Party.Tm : Party.Kz, inReplyTo: inReplyTo);
        e.TransportArrangement.ArrangementId = arrangementId;
        e.TransportArrangement.Agreed = agreed;
        return e;
    }

    // Recorded arrangements: "proposed" a-1 only; "agreed" a-1 proposed and agreed; "agreed elsewhere" a-2 agreed.
    public static TheoryData<string, TransferChannel, string, string?> Arrangements => new()
    {
        { "state courier needs no arrangement", TransferChannel.StateCourier, "", null },
        { "diplomatic channel needs no arrangement", TransferChannel.Diplomatic, "", null },
        { "special arrangement, nothing recorded", TransferChannel.SpecialArrangement, "", "transfer_notice.transport_arrangement_id" },
        { "special arrangement, proposed only", TransferChannel.SpecialArrangement, "proposed", "transfer_notice.transport_arrangement_id" },
        { "special arrangement, proposed and agreed", TransferChannel.SpecialArrangement, "agreed", null },
        { "special arrangement, only another arrangement agreed", TransferChannel.SpecialArrangement, "agreed elsewhere", "transfer_notice.transport_arrangement_id" },
    };

    [Theory]
    [MemberData(nameof(Arrangements))]
    public void Special_arrangement_channel_needs_an_agreed_arrangement(string name, TransferChannel channel, string recorded, string? field)
    {
        var transfer = Transfer("t-1");
        transfer.TransferNotice.Channel = channel;
        transfer.TransferNotice.TransportArrangementId = channel == TransferChannel.SpecialArrangement ? "a-1" : "";
        Envelope[] ledger = recorded switch
        {
            "proposed" => [TransportArrangement("ta-1", "a-1", false)],
            "agreed" => [TransportArrangement("ta-1", "a-1", false), TransportArrangement("ta-2", "a-1", true, "ta-1")],
            "agreed elsewhere" => [TransportArrangement("ta-1", "a-2", false), TransportArrangement("ta-2", "a-2", true, "ta-1")],
            _ => [],
        };

        Expect(Arrangement.Evaluate(Context(transfer, ledger)), "TRANSFER_NEEDS_ARRANGEMENT", "Art. 5.5", field, name);
    }

    public static TheoryData<string, string, string, string?> Contracts => new()
    {
        // contract reference on the transfer ("" none), carriers; contract k-1 is registered with items Secret and TopSecret
        { "no contract referenced", "", "OfSpecialImportance", null },
        { "contract not registered", "k-9", "Secret", "transfer_notice.contract_reference" },
        { "carrier at the contract's ceiling", "k-1", "TopSecret", null },
        { "carrier below the ceiling", "k-1", "Secret", null },
        { "carriers below and at the ceiling", "k-1", "Secret+TopSecret", null },
        { "carrier above the ceiling", "k-1", "OfSpecialImportance", "transfer_notice.carriers[0].level" },
        { "second carrier above the ceiling", "k-1", "Secret+OfSpecialImportance", "transfer_notice.carriers[1].level" },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void A_transfer_under_a_contract_stays_within_its_levels(string name, string reference, string carriers, string? field)
    {
        var registration = Notice("k-reg", Case.ContractRegistration, Party.Kz);
        registration.ContractRegistration.ContractReference = "k-1";
        registration.ContractRegistration.Items.Clear();
        registration.ContractRegistration.Items.Add(new ContractItem { Subject = "Parts", Level = ClassificationLevel.Secret });
        registration.ContractRegistration.Items.Add(new ContractItem { Subject = "Drawings", Level = ClassificationLevel.TopSecret });
        var transfer = Transfer("t-1", carriers);
        transfer.TransferNotice.ContractReference = reference;

        Expect(Contract.Evaluate(Context(transfer, registration)), "TRANSFER_ABOVE_CONTRACT_LEVEL", "Art. 7", field, name);
    }

    public static TheoryData<string, ClassificationLevel, string, ClassificationLevel, string, string?> Derivations => new()
    {
        // source t-src carrier c-1 level, derived from, derived carrier's level, recorded change of the source, field at fault
        { "equal to the source", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.TopSecret, "", null },
        { "higher than the source", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.OfSpecialImportance, "", null },
        { "lower than the source", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret, "", "transfer_notice.carriers[1].level" },
        { "lower than a source of special importance", ClassificationLevel.OfSpecialImportance, "t-src/c-1", ClassificationLevel.TopSecret, "",
            "transfer_notice.carriers[1].level" },
        { "unknown source transfer", ClassificationLevel.TopSecret, "t-none/c-1", ClassificationLevel.TopSecret, "",
            "transfer_notice.carriers[1].derived_from_transfer_id" },
        { "unknown source carrier", ClassificationLevel.TopSecret, "t-src/c-9", ClassificationLevel.TopSecret, "",
            "transfer_notice.carriers[1].derived_from_transfer_id" },
        { "source is not a transfer", ClassificationLevel.TopSecret, "x-consult/c-1", ClassificationLevel.TopSecret, "",
            "transfer_notice.carriers[1].derived_from_transfer_id" },
        { "source lowered to Secret: Secret is enough", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret, "Secret", null },
        { "source lowered to Secret for carrier c-1", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret, "Secret@c-1", null },
        { "only another carrier of the source was lowered", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret, "Secret@c-2",
            "transfer_notice.carriers[1].level" },
        { "source declassified: any level", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret, "declassified", null },
        { "source raised to special importance: TopSecret is too low", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.TopSecret,
            "OfSpecialImportance", "transfer_notice.carriers[1].level" },
        { "lowered, then raised back: the latest change counts", ClassificationLevel.TopSecret, "t-src/c-1", ClassificationLevel.Secret,
            "Secret,TopSecret", "transfer_notice.carriers[1].level" },
    };

    [Theory]
    [MemberData(nameof(Derivations))]
    public void A_derived_carrier_is_not_marked_below_its_source(string name, ClassificationLevel sourceLevel, string from,
        ClassificationLevel level, string changes, string? field)
    {
        // The source came from Turkmenistan; Kazakhstan sends back its own carrier c-1 and a derived c-2.
        var source = Transfer("t-src", $"{sourceLevel}+Secret", Party.Tm);
        var ledger = new List<Envelope> { source, Notice("x-consult", Case.ConsultationRequest, Party.Tm) };
        foreach (var (change, i) in changes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select((c, i) => (c, i)))
        {
            var parts = change.Split('@');
            var notice = Notice($"cc-{i}", Case.ClassificationChange, Party.Tm, source.SenderBody);
            notice.ClassificationChange.TransferId = "t-src";
            notice.ClassificationChange.Declassified = parts[0] == "declassified";
            notice.ClassificationChange.NewLevel = notice.ClassificationChange.Declassified ? ClassificationLevel.Unspecified : Enum.Parse<ClassificationLevel>(parts[0]);
            notice.ClassificationChange.CarrierIds.AddRange(parts.Skip(1));
            ledger.Add(notice);
        }

        var transfer = Transfer("t-new", $"Secret+{level}");
        transfer.TransferNotice.Carriers[1].DerivedFromTransferId = from.Split('/')[0];
        transfer.TransferNotice.Carriers[1].DerivedFromCarrierId = from.Split('/')[1];

        Expect(Derived.Evaluate(Context(transfer, [.. ledger])), "DERIVED_BELOW_SOURCE_LEVEL", "Art. 6.1", field, name);
    }

    [Fact]
    public void Other_notices_pass_all_three()
    {
        var context = Context(Notice("c-1", Case.ConsultationRequest, Party.Kz));
        Passes(Arrangement.Evaluate(context), "arrangement");
        Passes(Contract.Evaluate(context), "contract");
        Passes(Derived.Evaluate(context), "derived");
    }
}
