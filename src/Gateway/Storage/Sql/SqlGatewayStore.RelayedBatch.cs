using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

internal sealed partial class SqlGatewayStore
{
    /// <summary>What a batch of relayed notices reads once and then keeps itself: the last applied relay sequence and the last
    /// inbox cursor (written back when the batch ends), and the messages already stored under the batch's ids, the ones the
    /// batch stores as it goes included. A notice's dedup and its cursor then cost no statement of their own (they were three
    /// round trips per notice on PostgreSQL).</summary>
    /// <remarks>A notice rolled back to its savepoint is rolled back here too (<see cref="Mark"/>, <see cref="RollBackTo"/>):
    /// its sequence, its cursor and its row are as if never taken.</remarks>
    private sealed class RelayedBatch
    {
        private readonly Dictionary<string, List<(Party Party, string Body, ExistingMessage Message)>> _byKey = new(StringComparer.Ordinal);
        private readonly List<string> _added = [];
        private readonly long _firstSequence;
        private readonly long _firstCursor;

        private RelayedBatch(long lastSequence, long lastCursor)
        {
            (_firstSequence, _firstCursor) = (lastSequence, lastCursor);
            (LastSequence, LastCursor) = (lastSequence, lastCursor);
        }

        public long LastSequence { get; set; }

        public long LastCursor { get; set; }

        public static RelayedBatch Read(WriteScope scope, ISqlDialect dialect, IReadOnlyList<RelayedCommand> notices)
        {
            long sequence = 0, cursor = 0;
            using (var r = scope.Reader("SELECT name, value FROM counters WHERE name IN ('peer_notice_sequence', 'inbox_cursor')"))
            {
                while (r.Read())
                {
                    if (r.GetString(0) == "inbox_cursor")
                    {
                        cursor = r.GetInt64(1);
                    }
                    else
                    {
                        sequence = r.GetInt64(1);
                    }
                }
            }

            var batch = new RelayedBatch(sequence, cursor);
            // By the sender-scoped key, or by the bare id as rows stored before keys were scoped keep it (see FindExisting).
            var keys = notices.Select(n => n.Envelope).OfType<Envelope>().Where(e => e.Id.Length > 0)
                .SelectMany(e => new[] { MessageKeys.Of(e), e.Id }).Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count == 0)
            {
                return batch;
            }

            using var rows = scope.Reader($"""
                SELECT key, digest, stage, accepted_at, refusal_rule, refusal_article, refusal_message, refusal_fields, receipt,
                       sender_party, sender_body
                FROM messages WHERE {dialect.InList("key", "@keys")}
                """, ("@keys", dialect.ListOf(keys)));
            while (rows.Read())
            {
                var message = new ExistingMessage((byte[])rows[1], (Stage)rows.GetInt32(2), Times.FromUnixMs(rows.GetInt64(3)),
                    MessageRows.ReadRefusal(rows, 4), rows.IsDBNull(8) ? null : (byte[])rows[8]);
                batch.Add(rows.GetString(0), (Party)rows.GetInt32(9), rows.GetString(10), message);
            }

            batch._added.Clear();
            return batch;
        }

        /// <summary>The sender's message with this notice's id, stored before the batch or earlier in it.</summary>
        public ExistingMessage? Existing(Envelope e) => Find(MessageKeys.Of(e), e) ?? Find(e.Id, e);

        /// <summary>A notice the batch stored: a later copy in the same batch is its duplicate.</summary>
        public void Stored(Envelope e, ExistingMessage message) => Add(MessageKeys.Of(e), e.SenderParty, e.SenderBody, message);

        public (long Sequence, long Cursor, int Added) Mark() => (LastSequence, LastCursor, _added.Count);

        public void RollBackTo((long Sequence, long Cursor, int Added) mark)
        {
            (LastSequence, LastCursor) = (mark.Sequence, mark.Cursor);
            for (var i = _added.Count - 1; i >= mark.Added; i--)
            {
                var list = _byKey[_added[i]];
                list.RemoveAt(list.Count - 1);
                _added.RemoveAt(i);
            }
        }

        /// <summary>The counters the batch moved, to write back (queued) when it ends.</summary>
        public void WriteCounters(WriteScope scope)
        {
            if (LastSequence != _firstSequence)
            {
                scope.Write("UPDATE counters SET value = @v WHERE name = 'peer_notice_sequence'", ("@v", LastSequence));
            }

            if (LastCursor != _firstCursor)
            {
                scope.Write("UPDATE counters SET value = @v WHERE name = 'inbox_cursor'", ("@v", LastCursor));
            }
        }

        private ExistingMessage? Find(string key, Envelope e) =>
            _byKey.TryGetValue(key, out var list) && list.FirstOrDefault(m => m.Party == e.SenderParty && m.Body == e.SenderBody) is { Message: { } found }
                ? found
                : null;

        private void Add(string key, Party party, string body, ExistingMessage message)
        {
            if (!_byKey.TryGetValue(key, out var list))
            {
                _byKey[key] = list = [];
            }

            list.Add((party, body, message));
            _added.Add(key);
        }
    }
}
