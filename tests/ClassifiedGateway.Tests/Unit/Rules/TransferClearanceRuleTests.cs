using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Transfers;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 5.1: a transfer needs the receiving body's latest clearance confirmation, positive, valid on the host's day, at a covering level.</summary>
public sealed class TransferClearanceRuleTests
{
    private const string Id = "TRANSFER_NEEDS_CLEARANCE";
    private const string Article = "Art. 5.1";
    private const string Receiver = "envelope.receiver_body";
    private const string Carriers = "transfer_notice.carriers";

    private static readonly TransferNeedsClearanceRule Rule = new(Zones);

    /// <summary>Turkmenistan's competent body confirms (or denies) the clearance of one of its authorized bodies.</summary>
    private static Envelope Confirmation(string id, bool confirmed, ClassificationLevel held = ClassificationLevel.TopSecret,
        string validUntil = "2027-12-31", string body = Notices.TmAuthorizedBody, Party from = Party.Tm)
    {
        var e = Notice(id, Case.ClearanceConfirmation, from, inReplyTo: "ccr-" + id);
        e.ClearanceConfirmation = new() { AuthorizedBodyId = body, Confirmed = confirmed, LevelHeld = held, ValidUntil = Date(validUntil) };
        return e;
    }

    // Confirmations in the order they were accepted: '+' positive, '-' negative (Top secret, valid to the end of 2027).
    public static TheoryData<string, string, string?> Histories => new()
    {
        { "no confirmation held", "", Receiver },
        { "a negative confirmation", "-", Receiver },
        { "a positive confirmation", "+", null },
        { "positive then negative: the latest (negative) wins", "+-", Receiver },
        { "negative then positive: the latest (positive) wins", "-+", null },
        { "two positives", "++", null },
        { "positive, negative, positive again", "+-+", null },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void The_latest_confirmation_decides(string name, string history, string? field)
    {
        var ledger = history.Select((c, i) => Confirmation($"cc-{i}", c == '+')).ToArray();

        Expect(Rule.Evaluate(Context(Transfer("t-1"), ledger)), Id, Article, field, name);
    }

    public static TheoryData<string, string, string, string?> Validity => new()
    {
        // valid_until, transfer decided at, field at fault
        { "valid until the transfer day: passes all that day", "2027-03-01", "2027-03-01T23:59:59+05:00", null },
        { "valid until the transfer day: passes from its first second", "2027-03-01", "2027-03-01T00:00:00+05:00", null },
        { "valid until the day before: refused", "2027-02-28", "2027-03-01T00:00:00+05:00", Receiver },
        { "time zone: 18:59:59Z is still 1 March in UTC+5", "2027-03-01", "2027-03-01T18:59:59Z", null },
        { "time zone: 19:30Z is already 2 March in UTC+5", "2027-03-01", "2027-03-01T19:30:00Z", Receiver },
        { "leap day: valid until 29 February, sent that day", "2028-02-29", "2028-02-29T12:00:00+05:00", null },
        { "leap day: sent on 1 March", "2028-02-29", "2028-03-01T00:00:00+05:00", Receiver },
        { "year end: valid until 31 December, sent 1 January", "2027-12-31", "2028-01-01T09:00:00+05:00", Receiver },
        { "valid for a long time yet", "2030-01-01", "2027-03-01T10:00:00+05:00", null },
    };

    [Theory]
    [MemberData(nameof(Validity))]
    public void Valid_until_is_inclusive_on_the_hosts_date(string name, string validUntil, string decidedAt, string? field)
    {
        var verdict = Rule.Evaluate(Context(Transfer("t-1"), At(decidedAt), Confirmation("cc-1", true, validUntil: validUntil)));

        Expect(verdict, Id, Article, field, name);
        if (field is not null)
        {
            Assert.Contains($"expired on {validUntil}", verdict!.Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, ClassificationLevel, string, string?> LevelCases
    {
        get
        {
            var data = new TheoryData<string, ClassificationLevel, string, string?>();
            var all = new[] { ClassificationLevel.Secret, ClassificationLevel.TopSecret, ClassificationLevel.OfSpecialImportance };
            foreach (var held in all)
            {
                foreach (var needed in all)
                {
                    var covers = (int)held <= (int)needed;
                    data.Add($"held {held}, carrier {needed}: {(covers ? "covered" : "refused")}", held, needed.ToString(), covers ? null : Carriers);
                }
            }

            data.Add("held TopSecret, carriers Secret and TopSecret: the highest is covered", ClassificationLevel.TopSecret, "Secret+TopSecret", null);
            data.Add("held TopSecret, one carrier of special importance among Secret ones", ClassificationLevel.TopSecret,
                "Secret+OfSpecialImportance+Secret", Carriers);
            data.Add("held Secret, a TopSecret carrier after a Secret one", ClassificationLevel.Secret, "Secret+TopSecret", Carriers);
            data.Add("confirmed without a level covers nothing", ClassificationLevel.Unspecified, "Secret", Carriers);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LevelCases))]
    public void The_held_level_covers_the_highest_carrier(string name, ClassificationLevel held, string carriers, string? field) =>
        Expect(Rule.Evaluate(Context(Transfer("t-1", carriers), Confirmation("cc-1", true, held))), Id, Article, field, name);

    public static TheoryData<string, string, Party, string?> Whose => new()
    {
        // authorized body the confirmation is about, Party that confirmed it
        { "about the receiving body, by its Party", Notices.TmAuthorizedBody, Party.Tm, null },
        { "about another authorized body of the receiving Party", "tm-ab-2", Party.Tm, Receiver },
        { "about the receiving body, but by the sending Party", Notices.TmAuthorizedBody, Party.Kz, Receiver },
    };

    [Theory]
    [MemberData(nameof(Whose))]
    public void Only_a_confirmation_about_the_receiving_body_by_its_Party_counts(string name, string body, Party from, string? field) =>
        Expect(Rule.Evaluate(Context(Transfer("t-1"), Confirmation("cc-1", true, body: body, from: from))), Id, Article, field, name);

    [Fact]
    public void Other_notices_pass_without_any_confirmation() =>
        Passes(Rule.Evaluate(Context(Notice("c-1", Case.ConsultationRequest, Party.Kz))), "a consultation request");
}
