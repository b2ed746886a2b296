using ClassifiedGateway.Gateway.Errors;
using Google.Rpc;
using Grpc.Core;

namespace ClassifiedGateway.Tests.Unit.Input;

public sealed class StatusBoundsTests
{
    private static int Encoded(RpcException e) =>
        e.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? (t.ValueBytes.Length + 2) / 3 * 4 : Uri.EscapeDataString(t.Value).Length))
        + Uri.EscapeDataString(e.Status.Detail).Length;

    [Fact]
    public void Eight_hundred_fifty_violations_are_capped_at_twenty_and_counted()
    {
        var violations = Enumerable.Range(0, 850).Select(i => new FieldViolation($"transfer_notice.carriers[{i}].carrier_id", "is required")).ToList();

        var e = StatusMapper.ToRpcException(new InvalidRequestException(violations));

        var bad = e.GetRpcStatus()!.GetDetail<BadRequest>()!;
        Assert.Equal(StatusMapper.MaxFieldViolations + 1, bad.FieldViolations.Count);
        Assert.Equal("transfer_notice.carriers[0].carrier_id", bad.FieldViolations[0].Field);
        Assert.Equal("830 more field violations not listed", bad.FieldViolations[^1].Description);
        Assert.InRange(Encoded(e), 1, 16 * 1024);
    }

    [Fact]
    public void Caller_strings_of_200_KB_are_cut_and_escaped_in_every_part_of_a_status()
    {
        var hostile = string.Concat(Enumerable.Repeat("\u001b[2J\r\nж", 40_000));
        var statuses = new[]
        {
            StatusMapper.ToRpcException(new InvalidRequestException(Enumerable.Range(0, 30).Select(_ => new FieldViolation(hostile, hostile)).ToList())),
            StatusMapper.ToRpcException(new PermissionDeniedException(hostile, $"'{hostile}' cannot subscribe")),
            StatusMapper.ToRpcException(new NotFoundException("message", hostile)),
            StatusMapper.ToRpcException(new IdConflictException(hostile)),
            StatusMapper.ToRpcException(new RuleRefusalException(hostile, hostile, hostile, [hostile, hostile])),
        };

        foreach (var e in statuses)
        {
            Assert.InRange(Encoded(e), 1, 16 * 1024);
            Assert.DoesNotContain('\r', e.Status.Detail);
            Assert.DoesNotContain('\n', e.Status.Detail);
            Assert.DoesNotContain('\u001b', e.GetRpcStatus()!.ToString());
        }
    }

    [Fact]
    public void A_short_status_is_kept_whole()
    {
        var e = StatusMapper.ToRpcException(new InvalidRequestException([new FieldViolation("envelope.id", "is required")]));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("Invalid request: envelope.id: is required", e.Status.Detail);
        Assert.Equal(["envelope.id"], e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }
}
