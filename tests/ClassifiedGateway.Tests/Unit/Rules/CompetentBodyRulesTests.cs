using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Agreement;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 3, 5.1: competent-body traffic goes between the current competent bodies; a change names the body it replaces.</summary>
public sealed class CompetentBodyRulesTests
{
    private static readonly CompetentBodiesOnlyRule Only = new();
    private static readonly CompetentBodyChangeFromCurrentRule FromCurrent = new();

    /// <summary>Accepted changes, oldest first: "Kz>kz-knb-2" is Kazakhstan replacing its competent body by kz-knb-2.</summary>
    private static Envelope[] Changes(string changes) =>
    [
        .. changes.Split(';', StringSplitOptions.RemoveEmptyEntries).Select((change, i) =>
        {
            var party = Enum.Parse<Party>(change.Split('>')[0]);
            var e = Notice($"cbc-{i}", Case.CompetentBodyChange, party);
            e.CompetentBodyChange.PreviousBodyId = "";
            e.CompetentBodyChange.NewBodyId = change.Split('>')[1];
            return e;
        }),
    ];

    public static TheoryData<string, Case, Party, string, string, string, string?> Routes => new()
    {
        // kind, sending Party, sender body, receiver body, accepted changes, field at fault
        { "clearance request between competent bodies", Case.ClearanceConfirmationRequest, Party.Kz, "kz-knb", "tm-mns", "", null },
        { "clearance confirmation between competent bodies", Case.ClearanceConfirmation, Party.Tm, "tm-mns", "kz-knb", "", null },
        { "clearance request from an authorized body", Case.ClearanceConfirmationRequest, Party.Kz, Notices.KzAuthorizedBody, "tm-mns", "", "envelope.sender_body" },
        { "clearance request to an authorized body", Case.ClearanceConfirmationRequest, Party.Kz, "kz-knb", Notices.TmAuthorizedBody, "", "envelope.receiver_body" },
        { "both ends wrong: the sender is reported first", Case.ClearanceConfirmationRequest, Party.Kz, "kz-ab-1", "tm-ab-1", "", "envelope.sender_body" },
        { "clearance confirmation from an authorized body", Case.ClearanceConfirmation, Party.Tm, Notices.TmAuthorizedBody, "kz-knb", "", "envelope.sender_body" },
        { "competent-body change from an authorized body", Case.CompetentBodyChange, Party.Kz, Notices.KzAuthorizedBody, "tm-mns", "", "envelope.sender_body" },
        { "consultation request from an authorized body", Case.ConsultationRequest, Party.Tm, Notices.TmAuthorizedBody, "kz-knb", "", "envelope.sender_body" },
        { "regulations to an authorized body", Case.RegulationsExchange, Party.Tm, "tm-mns", Notices.KzAuthorizedBody, "", "envelope.receiver_body" },
        { "domestic procedures from an authorized body", Case.DomesticProceduresCompleted, Party.Kz, Notices.KzAuthorizedBody, "tm-mns", "", "envelope.sender_body" },
        { "termination to an authorized body", Case.TerminationNotice, Party.Kz, "kz-knb", Notices.TmAuthorizedBody, "", "envelope.receiver_body" },
        { "a transfer between authorized bodies is not concerned", Case.TransferNotice, Party.Kz, Notices.KzAuthorizedBody, Notices.TmAuthorizedBody, "", null },
        { "after Kazakhstan's change: the old body may no longer send", Case.ClearanceConfirmationRequest, Party.Kz, "kz-knb", "tm-mns", "Kz>kz-knb-2", "envelope.sender_body" },
        { "after Kazakhstan's change: the new body sends", Case.ClearanceConfirmationRequest, Party.Kz, "kz-knb-2", "tm-mns", "Kz>kz-knb-2", null },
        { "after Kazakhstan's change: addressed to the old body", Case.ClearanceConfirmationRequest, Party.Tm, "tm-mns", "kz-knb", "Kz>kz-knb-2", "envelope.receiver_body" },
        { "after Kazakhstan's change: addressed to the new body", Case.ClearanceConfirmationRequest, Party.Tm, "tm-mns", "kz-knb-2", "Kz>kz-knb-2", null },
        { "after Kazakhstan's change: Turkmenistan's body unchanged", Case.ConsultationRequest, Party.Tm, "tm-mns", "kz-knb-2", "Kz>kz-knb-2", null },
        { "after two changes: the latest body sends", Case.ConsultationRequest, Party.Kz, "kz-knb-3", "tm-mns", "Kz>kz-knb-2;Kz>kz-knb-3", null },
        { "after two changes: the intermediate body no longer", Case.ConsultationRequest, Party.Kz, "kz-knb-2", "tm-mns", "Kz>kz-knb-2;Kz>kz-knb-3", "envelope.sender_body" },
        { "after Turkmenistan's change: the new body sends", Case.ConsultationRequest, Party.Tm, "tm-mns-2", "kz-knb", "Tm>tm-mns-2", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Competent_body_traffic_goes_between_the_current_competent_bodies(string name, Case kind, Party from, string sender, string receiver,
        string changes, string? field) =>
        Expect(Only.Evaluate(Context(Notice("n-1", kind, from, sender, receiver), Changes(changes))), "COMPETENT_BODIES_ONLY", "Art. 3, 5.1", field, name);

    public static TheoryData<string, Party, string, string, string?> Previous => new()
    {
        // changing Party, previous_body_id named, accepted changes, field at fault
        { "names the current body", Party.Kz, "kz-knb", "", null },
        { "names no previous body", Party.Kz, "", "", null },
        { "names an unknown body", Party.Kz, "kz-old", "", "competent_body_change.previous_body_id" },
        { "names the other Party's body", Party.Kz, "tm-mns", "", "competent_body_change.previous_body_id" },
        { "Turkmenistan names its current body", Party.Tm, "tm-mns", "", null },
        { "after a change: names the new body", Party.Kz, "kz-knb-2", "Kz>kz-knb-2", null },
        { "after a change: names the replaced body", Party.Kz, "kz-knb", "Kz>kz-knb-2", "competent_body_change.previous_body_id" },
        { "after Kazakhstan's change: Turkmenistan's own body is unchanged", Party.Tm, "tm-mns", "Kz>kz-knb-2", null },
    };

    [Theory]
    [MemberData(nameof(Previous))]
    public void A_change_names_the_current_competent_body(string name, Party from, string previous, string changes, string? field)
    {
        var change = Notice("cbc-new", Case.CompetentBodyChange, from, Current(from, changes), Current(Other(from), changes));
        change.CompetentBodyChange.PreviousBodyId = previous;
        change.CompetentBodyChange.NewBodyId = "renamed";

        var context = Context(change, Changes(changes));

        Expect(FromCurrent.Evaluate(context), "COMPETENT_BODY_CHANGE_MISMATCH", "Art. 3.2", field, name);
        Passes(Only.Evaluate(context), $"{name}: sent by the current competent body");
    }

    /// <summary>A Party's competent body after the accepted changes.</summary>
    private static string Current(Party party, string changes) =>
        Changes(changes).LastOrDefault(c => c.SenderParty == party)?.CompetentBodyChange.NewBodyId ?? CompetentBody(party);

    [Fact]
    public void Other_notices_pass_the_change_rule() =>
        Passes(FromCurrent.Evaluate(Context(Notice("c-1", Case.ConsultationRequest, Party.Kz))), "a consultation request");
}
