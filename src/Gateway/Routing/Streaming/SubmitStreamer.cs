using System.Threading.Channels;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using ClassifiedGateway.Gateway.Routing.Overload;
using ClassifiedGateway.Gateway.Security;
using ClassifiedGateway.Gateway.Storage;
using ClassifiedGateway.Gateway.Validation.Requests;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifiedGateway.Gateway.Routing.Streaming;

/// <summary>SubmitStream: each item judged as a unary Submit, written in the stream's order, answered in that order once durable.</summary>
/// <remarks>The reader takes an item only when fewer than <see cref="LimitsOptions.StreamInFlight"/> wait for their answer and its
/// identity has an item token (<see cref="StreamItemLimiter"/>); otherwise it stops reading and HTTP/2 flow control holds the
/// client back. While the relay backlog is paced (<see cref="RelayBacklogGate"/>) it stops reading the same way, with no error,
/// until the episode ends. A refused item is an outcome with the unary call's status; only a broken or cancelled stream ends the call.</remarks>
internal sealed partial class SubmitStreamer(
    SubmitProcessor submit, RequestValidator validator, StreamItemLimiter items, StreamSlots slots, RelayBacklogGate backlog, IOptions<LimitsOptions> limits,
    ILogger<SubmitStreamer> logger)
{
    public async Task RunAsync(
        IAsyncStreamReader<SubmitStreamRequest> requests, IServerStreamWriter<SubmitStreamResponse> responses, CallerIdentity caller,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answers = Channel.CreateBounded<(long Item, string MessageId, Task<SubmitOutcome> Outcome)>(
            new BoundedChannelOptions(limits.Value.StreamInFlight) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(requests, answers.Writer, caller, stop.Token);
        long answered = 0;
        try
        {
            await foreach (var (item, messageId, outcome) in answers.Reader.ReadAllAsync(stop.Token))
            {
                await responses.WriteAsync(await AnswerAsync(item, messageId, outcome), stop.Token);
                answered++;
            }
        }
        finally
        {
            // A failed write (client gone) stops the reader too; its own failure (a broken stream) is rethrown below.
            await stop.CancelAsync();
            await SettleAsync(reading);
        }

        await reading;
        LogEnded(logger, caller.ToString(), answered);
    }

    private async Task ReadAsync(
        IAsyncStreamReader<SubmitStreamRequest> requests, ChannelWriter<(long, string, Task<SubmitOutcome>)> answers, CallerIdentity caller,
        CancellationToken cancellationToken)
    {
        long item = 0;
        try
        {
            while (await answers.WaitToWriteAsync(cancellationToken) && await Paced(cancellationToken) && await requests.MoveNext(cancellationToken))
            {
                item++;
                await items.WaitAsync(caller.Uri, 1, cancellationToken);
                var envelope = requests.Current.Envelope;
                var messageId = SafeText.Bounded(envelope?.Id ?? "", Validation.EnvelopeValidator.MaxIdLength);
                await answers.WriteAsync((item, messageId, await StartHoldingAsync(envelope, caller, cancellationToken)), cancellationToken);
            }

            answers.TryComplete();
        }
        catch (Exception e)
        {
            answers.TryComplete(e);
            throw;
        }
    }

    /// <summary>Waits while the relay backlog is paced, before the next item is read (so it stays with the caller).</summary>
    private async ValueTask<bool> Paced(CancellationToken cancellationToken)
    {
        await backlog.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>Takes one of the node's stream slots (<see cref="StreamSlots"/>), starts the item, and gives the slot back once
    /// its outcome is known.</summary>
    private async Task<Task<SubmitOutcome>> StartHoldingAsync(Envelope? envelope, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        Task<SubmitOutcome> started;
        try
        {
            started = await StartAsync(envelope, caller, cancellationToken);
        }
        catch
        {
            slots.Release();
            throw;
        }

        return slots.HoldUntilDoneAsync(started);
    }

    /// <summary>Starts one item exactly as a unary Submit runs: the request validator the marshaller applies, then the processor.</summary>
    private async Task<Task<SubmitOutcome>> StartAsync(Envelope? envelope, CallerIdentity caller, CancellationToken cancellationToken)
    {
        try
        {
            var violations = validator.Validate(new SubmitRequest { Envelope = envelope });
            if (violations.Count > 0)
            {
                return Task.FromException<SubmitOutcome>(new InvalidRequestException(violations));
            }

            return await submit.StartAsync(envelope, caller, cancellationToken);
        }
        catch (GatewayException refused)
        {
            return Task.FromException<SubmitOutcome>(refused);
        }
    }

    private static async Task<SubmitStreamResponse> AnswerAsync(long item, string messageId, Task<SubmitOutcome> pending)
    {
        var response = new SubmitStreamResponse { Item = item, MessageId = messageId };
        try
        {
            var outcome = await pending;
            response.Accepted = new SubmitResponse
            {
                MessageId = outcome.MessageId,
                Stage = outcome.Stage,
                AcceptedAt = Times.ToTimestamp(outcome.AcceptedAt),
                Duplicate = outcome.Duplicate,
            };
        }
        catch (GatewayException refused)
        {
            response.Refused = StatusMapper.ToStatus(refused);
        }

        return response;
    }

    private static async Task SettleAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Observed by the caller's await below when it matters.
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Submit stream of {Caller} ended after {Answered} items")]
    private static partial void LogEnded(ILogger logger, string caller, long answered);
}
