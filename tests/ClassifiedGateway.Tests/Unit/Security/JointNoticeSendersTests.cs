using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Tests.Harness;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit.Security;

/// <summary>Art. 6.3: the joint notices are the authorized bodies' own (as themselves only); the competent body may send them too.</summary>
public sealed class JointNoticeSendersTests
{
    public static TheoryData<Case, string, string, bool> Senders
    {
        get
        {
            var data = new TheoryData<Case, string, string, bool>();
            foreach (var kind in new[] { Case.JointCreationNotice, Case.JointCreationConfirmation, Case.JointClassificationChangeAgreement })
            {
                // caller ("ab:" authorized body, "cb:" competent body, "op:" operator), sender_body, allowed
                data.Add(kind, "ab:kz-ab-1", "kz-ab-1", true);
                data.Add(kind, "ab:kz-ab-1", "kz-ab-2", false);
                data.Add(kind, "cb:kz-knb", "kz-ab-1", true);
                data.Add(kind, "op:kz-operator", "kz-ab-1", false);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public void Who_may_send_a_joint_notice(Case kind, string caller, string senderBody, bool allowed)
    {
        var role = caller[..2] switch { "ab" => CallerRole.AuthorizedBody, "cb" => CallerRole.CompetentBody, _ => CallerRole.Operator };
        var identity = new CallerIdentity(Party.Kz, role, caller[3..]);
        var envelope = Notices.Envelope("n-1", Party.Kz, DateTimeOffset.UnixEpoch, kind);
        envelope.SenderBody = senderBody;

        Assert.True(allowed == (AuthorizationMatrix.MaySend(identity, envelope) is null), $"{caller} sending {kind} as {senderBody}");
        Assert.Contains(kind, AuthorizationMatrix.AuthorizedBodyNotices);
    }
}
