using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>Who may send which notice (AuthorizationMatrix.MaySend), and the article each refusal cites.</summary>
public sealed class SendPermissionTests
{
    private static readonly CallerIdentity KzCompetent = new(Party.Kz, CallerRole.CompetentBody, Notices.KzCompetentBody);
    private static readonly CallerIdentity KzAuthorized = new(Party.Kz, CallerRole.AuthorizedBody, Notices.KzAuthorizedBody);
    private static readonly CallerIdentity TmAuthorized = new(Party.Tm, CallerRole.AuthorizedBody, Notices.TmAuthorizedBody);
    private static readonly CallerIdentity KzOperator = new(Party.Kz, CallerRole.Operator, "kz-operator");

    public static TheoryData<string, string, Case, string, string?> Cases => new()
    {
        // caller, notice kind, sender body on the envelope (all KZ), article of the refusal (null: allowed)
        { "competent body, a consultation", "cb", Case.ConsultationRequest, Notices.KzCompetentBody, null },
        { "competent body, as its authorized body", "cb", Case.TransferNotice, Notices.KzAuthorizedBody, null },
        { "authorized body, its own transfer", "ab", Case.TransferNotice, Notices.KzAuthorizedBody, null },
        { "authorized body, a breach notification (Art. 11.1: the authorized or competent body)", "ab", Case.BreachNotification, Notices.KzAuthorizedBody, null },
        { "authorized body, as another authorized body", "ab", Case.TransferNotice, "kz-ab-2", "Art. 1.6" },
        { "authorized body, as its competent body", "ab", Case.BreachNotification, Notices.KzCompetentBody, "Art. 1.6" },
        { "authorized body, an investigation result", "ab", Case.InvestigationResult, Notices.KzAuthorizedBody, "Art. 11.1" },
        { "authorized body, a clearance request", "ab", Case.ClearanceConfirmationRequest, Notices.KzAuthorizedBody, "Art. 5.1" },
        { "authorized body, a competent-body change", "ab", Case.CompetentBodyChange, Notices.KzAuthorizedBody, "Art. 3.2" },
        { "authorized body, a visit request", "ab", Case.VisitRequest, Notices.KzAuthorizedBody, "Art. 9" },
        { "authorized body, a third-party consent", "ab", Case.ThirdPartyDisclosureConsent, Notices.KzAuthorizedBody, "Art. 4.1.5" },
        { "authorized body, a termination notice", "ab", Case.TerminationNotice, Notices.KzAuthorizedBody, "Art. 15.2" },
        { "the other Party's authorized body, as Kazakhstan", "tm-ab", Case.TransferNotice, Notices.KzAuthorizedBody, "Art. 3.1" },
        { "an operator", "op", Case.ConsultationRequest, Notices.KzCompetentBody, "Art. 1.6, 1.7" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refusal_cites_the_article_behind_it(string name, string caller, Case kind, string senderBody, string? article)
    {
        var who = caller switch { "cb" => KzCompetent, "ab" => KzAuthorized, "tm-ab" => TmAuthorized, _ => KzOperator };
        var envelope = Notices.Envelope("n-1", Party.Kz, DateTimeOffset.UnixEpoch, kind);
        envelope.SenderBody = senderBody;

        var denial = AuthorizationMatrix.MaySend(who, envelope);

        Assert.True(article == denial?.Article, $"{name}: expected {article ?? "allowed"}, got {denial?.Article ?? "allowed"} ({denial?.Message})");
    }
}
