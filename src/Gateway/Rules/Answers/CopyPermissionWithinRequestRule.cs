using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Gateway.Rules.Answers;

/// <summary>Art. 6.4: a copy permission grants at most the copies the request asked for.</summary>
public sealed class CopyPermissionWithinRequestRule() : NoticeRule("COPY_PERMISSION_BEYOND_REQUEST", "Art. 6.4",
    "A granted copy permission is refused when copies_permitted exceeds the copies its request asked for.", RuleOutcome.Refuse)
{
    public override RuleVerdict? Evaluate(RuleContext context)
    {
        var e = context.Envelope;
        if (e.NoticeCase != Case.CopyPermission || !e.CopyPermission.Granted || AnswerLookup.Request(context) is not { } request)
        {
            return null;
        }

        var asked = request.Envelope.CopyRequest.Copies;
        return e.CopyPermission.CopiesPermitted <= asked
            ? null
            : Verdict($"'{request.Id}' asked for {asked} copies; a permission cannot grant {e.CopyPermission.CopiesPermitted}.", "copy_permission.copies_permitted");
    }
}
