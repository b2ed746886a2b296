using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Rules.Transfers;
using ClassifiedGateway.Tests.Harness;
using static ClassifiedGateway.Tests.Unit.Rules.RuleCases;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Rules;

/// <summary>Art. 5.4: the addressed body confirms receipt of a transfer; a second confirmation is accepted and flagged.</summary>
public sealed class ReceiptRulesTests
{
    private static readonly ReceiptForAddressedTransferRule ForAddressee = new();
    private static readonly ReceiptAlreadyConfirmedRule AlreadyConfirmed = new();

    /// <summary>Transfer t-1 went from kz-ab-1 to tm-ab-1; x-1 is a consultation request, not a transfer.</summary>
    private static Envelope[] History(int earlierReceipts) =>
    [
        Transfer("t-1"),
        Notice("x-1", Case.ConsultationRequest, Party.Kz),
        .. Enumerable.Range(1, earlierReceipts).Select(i => Receipt($"rc-{i}", "t-1", "t-1", Party.Tm, Notices.TmAuthorizedBody)),
    ];

    private static Envelope Receipt(string id, string transferId, string inReplyTo, Party from, string body)
    {
        var e = Notice(id, Case.ReceiptConfirmation, from, body, AuthorizedBody(Other(from)), inReplyTo);
        e.ReceiptConfirmation.TransferId = transferId;
        return e;
    }

    public static TheoryData<string, string, string, Party, string, string?> Addressees => new()
    {
        // receipt_confirmation.transfer_id, in_reply_to, confirming Party and body, field at fault
        { "the addressed authorized body", "t-1", "t-1", Party.Tm, Notices.TmAuthorizedBody, null },
        { "the competent body of the addressed Party", "t-1", "t-1", Party.Tm, Notices.TmCompetentBody, null },
        { "another authorized body of the addressed Party", "t-1", "t-1", Party.Tm, "tm-ab-2", "envelope.sender_body" },
        { "the sending body itself", "t-1", "t-1", Party.Kz, Notices.KzAuthorizedBody, "envelope.sender_body" },
        { "the sending Party's competent body", "t-1", "t-1", Party.Kz, Notices.KzCompetentBody, "envelope.sender_body" },
        { "transfer_id differs from in_reply_to", "t-2", "t-1", Party.Tm, Notices.TmAuthorizedBody, "receipt_confirmation.transfer_id" },
        { "unknown transfer", "t-9", "t-9", Party.Tm, Notices.TmAuthorizedBody, "envelope.in_reply_to" },
        { "answers a notice that is not a transfer", "x-1", "x-1", Party.Tm, Notices.TmAuthorizedBody, "envelope.in_reply_to" },
    };

    [Theory]
    [MemberData(nameof(Addressees))]
    public void Only_the_addressed_body_confirms_receipt(string name, string transferId, string inReplyTo, Party from, string body, string? field) =>
        Expect(ForAddressee.Evaluate(Context(Receipt("rc-new", transferId, inReplyTo, from, body), History(0))),
            "RECEIPT_NOT_FOR_ADDRESSEE", "Art. 5.4", field, name);

    public static TheoryData<string, int, bool> Repeats => new()
    {
        { "the first receipt", 0, false },
        { "a second receipt", 1, true },
        { "a third receipt", 2, true },
    };

    [Theory]
    [MemberData(nameof(Repeats))]
    public void A_repeated_receipt_is_accepted_and_flagged(string name, int earlier, bool flagged)
    {
        var context = Context(Receipt("rc-new", "t-1", "t-1", Party.Tm, Notices.TmAuthorizedBody), History(earlier));

        var verdict = AlreadyConfirmed.Evaluate(context);

        Passes(ForAddressee.Evaluate(context), name);
        if (!flagged)
        {
            Passes(verdict, name);
            return;
        }

        var flag = Flagged(verdict, "RECEIPT_ALREADY_CONFIRMED", "Art. 5.4", name);
        Assert.Contains("already confirmed by 'rc-1'", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_notices_pass_both()
    {
        var context = Context(Notice("c-1", Case.ConsultationRequest, Party.Tm, inReplyTo: "t-1"), History(1));
        Passes(ForAddressee.Evaluate(context), "addressee");
        Passes(AlreadyConfirmed.Evaluate(context), "already confirmed");
    }
}
