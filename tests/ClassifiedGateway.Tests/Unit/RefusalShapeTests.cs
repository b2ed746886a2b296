using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Rules;
using ClassifiedGateway.Gateway.Storage.Sql;
using Google.Rpc;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>One refusal shape on the wire (the Refusal message as a status detail) and flags kept with their structure.</summary>
public sealed class RefusalShapeTests
{
    [Fact]
    public void A_rule_refusal_carries_the_Refusal_message_beside_ErrorInfo()
    {
        var e = StatusMapper.ToRpcException(new RuleRefusalException("TRANSFER_NEEDS_CLEARANCE", "Art. 5.1", "Art. 5.1: no clearance.",
            ["envelope.receiver_body", "transfer_notice.carriers"]));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var status = e.GetRpcStatus()!;
        var refusal = status.GetDetail<Refusal>()!;
        Assert.Equal("TRANSFER_NEEDS_CLEARANCE", refusal.RuleId);
        Assert.Equal("Art. 5.1", refusal.Article);
        Assert.Equal("Art. 5.1: no clearance.", refusal.Message);
        Assert.Equal(["envelope.receiver_body", "transfer_notice.carriers"], refusal.Fields);
        var info = status.GetDetail<ErrorInfo>()!;
        Assert.Equal("TRANSFER_NEEDS_CLEARANCE", info.Reason);
        Assert.Equal("Art. 5.1", info.Metadata["article"]);
        Assert.Equal("envelope.receiver_body,transfer_notice.carriers", info.Metadata["fields"]);
    }

    [Fact]
    public void Other_errors_carry_no_Refusal()
    {
        Assert.Null(StatusMapper.ToRpcException(new PermissionDeniedException("ROLE_NOT_ALLOWED", "no.")).GetRpcStatus()!.GetDetail<Refusal>());
        Assert.Null(StatusMapper.ToRpcException(new InvalidRequestException([new FieldViolation("envelope.id", "is required")]))
            .GetRpcStatus()!.GetDetail<Refusal>());
    }

    [Fact]
    public void An_oversized_refusal_is_kept_compact_with_its_rule_id()
    {
        var big = new string('x', 5000);
        var e = StatusMapper.ToRpcException(new RuleRefusalException("RULE_ID", "Art. 1", big, Enumerable.Range(0, 100).Select(i => $"{big}{i}").ToList()));

        var refusal = e.GetRpcStatus()!.GetDetail<Refusal>()!;
        Assert.Equal("RULE_ID", refusal.RuleId);
        Assert.InRange(refusal.Fields.Count, 1, StatusMapper.MaxFieldViolations);
        Assert.All(refusal.Fields, f => Assert.InRange(f.Length, 1, StatusMapper.MaxDetailChars + 32));
        Assert.InRange(refusal.Message.Length, 1, StatusMapper.MaxMessageChars + 32);
        Assert.InRange(e.GetRpcStatus()!.CalculateSize(), 1, StatusMapper.MaxStatusBytes);
    }

    [Fact]
    public void Flags_are_stored_with_rule_id_article_and_message_and_old_rows_still_read()
    {
        var flags = new[]
        {
            new RuleVerdict("BREACH_NOTIFICATION_LATE", "Art. 11", RuleOutcome.Flag, "sent 2 days after the event.\nAccepted.", []),
            new RuleVerdict("RECEIPT_ALREADY_CONFIRMED", "Art. 5.4", RuleOutcome.Flag, "already confirmed.", []),
        };

        var read = FlagColumn.Read(FlagColumn.Write(flags)).ToList();

        Assert.Equal(
            [
                new RuleFlag { RuleId = "BREACH_NOTIFICATION_LATE", Article = "Art. 11", Message = "sent 2 days after the event. Accepted." },
                new RuleFlag { RuleId = "RECEIPT_ALREADY_CONFIRMED", Article = "Art. 5.4", Message = "already confirmed." },
            ],
            read);
        Assert.Equal([new RuleFlag { Message = "a sentence stored before flags had structure" }],
            FlagColumn.Read("a sentence stored before flags had structure"));
    }
}
