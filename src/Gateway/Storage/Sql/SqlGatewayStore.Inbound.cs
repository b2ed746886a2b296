using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Errors;
using Google.Protobuf;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The inbound path: delivery to subscribers (envelopes checked on read), acknowledgements.</summary>
internal sealed partial class SqlGatewayStore
{
    public Task<IReadOnlyList<InboxItem>> ReadInboxAsync(long afterCursor, string? receiverBody, int limit, CancellationToken cancellationToken) =>
        ReadCheckedInboxAsync("""
            SELECT inbox_cursor, key, envelope, delivery_count, digest FROM messages
            WHERE inbox_cursor > @after AND (@body = '' OR receiver_body = @body)
            ORDER BY inbox_cursor LIMIT @limit
            """, cancellationToken, ("@after", afterCursor), ("@body", receiverBody ?? ""), ("@limit", limit));

    public Task<IReadOnlyList<InboxItem>> ReadRedeliveriesAsync(long upToCursor, string? receiverBody, DateTimeOffset deliveredBefore, int limit, CancellationToken cancellationToken) =>
        ReadCheckedInboxAsync("""
            SELECT inbox_cursor, key, envelope, delivery_count, digest FROM messages
            WHERE inbox_cursor IS NOT NULL AND acknowledged_at IS NULL AND inbox_cursor <= @upto
              AND last_delivered_at IS NOT NULL AND last_delivered_at <= @before
              AND (@body = '' OR receiver_body = @body)
            ORDER BY inbox_cursor LIMIT @limit
            """, cancellationToken,
            ("@upto", upToCursor), ("@before", Times.ToUnixMs(deliveredBefore)), ("@body", receiverBody ?? ""), ("@limit", limit));

    /// <summary>Reads inbox rows and checks each envelope; what fails is quarantined (it leaves the inbox) and not returned.</summary>
    private async Task<IReadOnlyList<InboxItem>> ReadCheckedInboxAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await QueryAsync(sql, r =>
        {
            var envelope = StoredEnvelopes.Check((byte[])r[2], (byte[])r[4], out var problem);
            return (Item: envelope is null ? null : new InboxItem(r.GetInt64(0), r.GetString(1), envelope, r.GetInt32(3)), Id: r.GetString(1), Problem: problem);
        }, cancellationToken, parameters);
        await QuarantineAsync([.. rows.Where(r => r.Item is null).Select(r => (r.Id, r.Problem!))], cancellationToken);
        return [.. rows.Where(r => r.Item is not null).Select(r => r.Item!)];
    }

    public Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            if (messageIds.Count == 0)
            {
                return 0;
            }

            // One read for the batch; each row is then updated on its own.
            var rows = new Dictionary<string, (Stage Stage, bool Delivered, string Body)>(StringComparer.Ordinal);
            using (var r = scope.Reader($"SELECT key, stage, delivered_at, receiver_body FROM messages WHERE {_dialect.InList("key", "@keys")}",
                ("@keys", _dialect.ListOf([.. messageIds.Distinct(StringComparer.Ordinal)]))))
            {
                while (r.Read())
                {
                    rows[r.GetString(0)] = ((Stage)r.GetInt32(1), !r.IsDBNull(2), r.GetString(3));
                }
            }

            foreach (var id in messageIds)
            {
                if (!rows.TryGetValue(id, out var row))
                {
                    continue;
                }

                var (stage, delivered, body) = row;
                const string Delivery = "last_delivered_at = @delivered, delivery_count = delivery_count + 1";
                if (!delivered)
                {
                    ReachStage(scope, id, stage, Stage.Delivered, at, "delivered to the receiving system",
                        change: new RowChange($"{Delivery}, delivered_at = @delivered", ("@delivered", Times.ToUnixMs(at))));
                    EnqueueOutbox(scope, OutboxEntryType.Status, id, Stage.Delivered, at, body);
                    rows[id] = (Stages.Advance(stage, Stage.Delivered), true, body);
                }
                else
                {
                    scope.Write($"UPDATE messages SET {Delivery} WHERE key = @id", ("@delivered", Times.ToUnixMs(at)), ("@id", id));
                }
            }

            return 0;
        }, cancellationToken);

    public Task<AcknowledgeOutcome> AcknowledgeAsync(string messageId, string? acknowledgingBody, DateTimeOffset at, string actor, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(scope =>
        {
            using var r = scope.Reader("SELECT stage, receiver_body, acknowledged_at, direction FROM messages WHERE key = @id", ("@id", messageId));
            if (!r.Read() || (Direction)r.GetInt32(3) != Direction.Inbound)
            {
                throw new NotFoundException("received notice", messageId);
            }

            var (stage, receiver, acknowledged) = ((Stage)r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2));
            r.Close();
            if (!string.IsNullOrEmpty(acknowledgingBody) && acknowledgingBody != receiver)
            {
                throw new PermissionDeniedException("NOT_ADDRESSEE", $"Only the addressee '{receiver}' can acknowledge notice '{messageId}'.");
            }

            if (stage == Stage.Refused)
            {
                throw new RuleRefusalException("ACK_REFUSED_NOTICE", "Art. 5.4", $"Notice '{messageId}' was refused on arrival and cannot be acknowledged.", ["message_id"]);
            }

            if (acknowledged is { } earlier)
            {
                return new AcknowledgeOutcome(messageId, stage, Times.FromUnixMs(earlier));
            }

            ReachStage(scope, messageId, stage, Stage.Acknowledged, at, $"acknowledged by {receiver}", actor: actor,
                change: new RowChange("acknowledged_at = @acknowledged", ("@acknowledged", Times.ToUnixMs(at))));
            EnqueueOutbox(scope, OutboxEntryType.Status, messageId, Stage.Acknowledged, at, receiver);
            return new AcknowledgeOutcome(messageId, Stages.Advance(stage, Stage.Acknowledged), Times.AsStored(at));
        }, cancellationToken);
}
