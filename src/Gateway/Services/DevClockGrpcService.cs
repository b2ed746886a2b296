using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Time;
using Grpc.Core;

namespace ClassifiedGateway.Gateway.Services;

/// <summary>Development only: read and advance the node's clock. Not mapped in Production.</summary>
internal sealed class DevClockGrpcService(AdjustableTimeProvider clock) : DevClockService.DevClockServiceBase
{
    public override Task<GetTimeResponse> GetTime(GetTimeRequest request, ServerCallContext context) =>
        Task.FromResult(new GetTimeResponse { Now = Times.ToTimestamp(clock.GetUtcNow()) });

    public override Task<AdvanceResponse> Advance(AdvanceRequest request, ServerCallContext context)
    {
        // RequestValidator refused anything else before this handler; the check stays so the handler is safe on its own.
        if (!WireTimes.TryToTimeSpan(request.By, out var by) || by <= TimeSpan.Zero || by > Validation.Requests.RequestChecks.MaxAdvance)
        {
            throw new InvalidRequestException([new FieldViolation("by", "must be a positive duration of at most ten years")]);
        }

        return Task.FromResult(new AdvanceResponse { Now = Times.ToTimestamp(clock.Advance(by)) });
    }
}
