using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The ledger read inside a write transaction: stored messages that no node refused.</summary>
internal sealed class SqlLedger(WriteScope scope) : ILedger
{
    private const string Facts = "stage NOT IN (6, 7, 8)";
    private const string Columns = "m.id, m.envelope, m.direction, m.stage, m.accepted_at, m.receipt, m.key";
    private const string Select = $"SELECT {Columns} FROM messages m";

    /// <summary>The many-keys query and its parameter names, per number of keys (a handful of texts, each prepared once).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (string Sql, string[] Names)> KeyQueries = new();

    private (string Id, Party Party, string Body, LedgerEntry? Request)? _lastRequest;

    public LedgerEntry? Find(string messageId) =>
        Query($"{Select} WHERE m.id = @id AND m.{Facts} ORDER BY m.seq LIMIT 1", ("@id", messageId)).FirstOrDefault();

    /// <summary>A reply answers a notice of the other Party addressed back to the reply's receiver (or, for an answer to one's
    /// own request, a notice of the reply's own Party): the sender's Party is required, the sender's body preferred.</summary>
    public LedgerEntry? FindRequest(Envelope reply)
    {
        if (reply.InReplyTo.Length == 0)
        {
            return null;
        }

        var own = NoticeKinds.Of(reply).AnswersOwnRequest;
        var (party, body) = own ? (reply.SenderParty, reply.SenderBody) : (reply.ReceiverParty, reply.ReceiverBody);
        // The store asks again for the key it keeps on the reply: answer from the rules' lookup, no second statement.
        if (_lastRequest is { } last && last.Id == reply.InReplyTo && last.Party == party && last.Body == body)
        {
            return last.Request;
        }

        var request = Query($"{Select} WHERE m.id = @id AND m.sender_party = @party AND m.{Facts} ORDER BY (m.sender_body = @body) DESC, m.seq LIMIT 1",
            ("@id", reply.InReplyTo), ("@party", (int)party), ("@body", body)).FirstOrDefault();
        _lastRequest = (reply.InReplyTo, party, body, request);
        return request;
    }

    public IReadOnlyList<LedgerEntry> ByKey(string key) =>
        Query($"{Select} JOIN message_keys k ON k.message_id = m.key WHERE k.key = @key AND m.{Facts} ORDER BY m.seq", ("@key", key));

    /// <summary>One statement for all the keys; each key's entries oldest first, as <see cref="ByKey"/> returns them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LedgerEntry>> ByKeys(IReadOnlyCollection<string> keys)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<LedgerEntry>>();
        }

        var found = distinct.ToDictionary(k => k, _ => new List<LedgerEntry>(), StringComparer.Ordinal);

        var (sql, names) = KeyQueries.GetOrAdd(distinct.Count, static n =>
        {
            var names = Enumerable.Range(0, n).Select(i => $"@k{i}").ToArray();
            return ($"SELECT k.key, {Columns} FROM messages m JOIN message_keys k ON k.message_id = m.key WHERE k.key IN ({string.Join(", ", names)}) AND m.{Facts} ORDER BY m.seq", names);
        });
        var parameters = new (string, object?)[distinct.Count];
        for (var i = 0; i < distinct.Count; i++)
        {
            parameters[i] = (names[i], distinct[i]);
        }

        using (var reader = scope.Reader(sql, parameters))
        {
            while (reader.Read())
            {
                found[reader.GetString(0)].Add(Read(reader, 1));
            }
        }

        return found.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<LedgerEntry>)kv.Value, StringComparer.Ordinal);
    }

    public IReadOnlyList<LedgerEntry> AnswersTo(string messageKey) =>
        Query($"{Select} WHERE m.reply_key = @key AND m.{Facts} ORDER BY m.seq", ("@key", messageKey));

    private List<LedgerEntry> Query(string sql, params (string, object?)[] parameters)
    {
        using var reader = scope.Reader(sql, parameters);
        var entries = new List<LedgerEntry>();
        while (reader.Read())
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    /// <summary>One entry from the columns of <see cref="Select"/>, starting at <paramref name="first"/>.</summary>
    public static LedgerEntry Read(DbDataReader r, int first = 0)
    {
        var direction = (Direction)r.GetInt32(first + 2);
        var acceptedAt = Times.FromUnixMs(r.GetInt64(first + 4));
        DateTimeOffset? receivedAt = direction == Direction.Inbound ? acceptedAt : null;
        if (direction == Direction.Outbound && !r.IsDBNull(first + 5) && Receipt.Parser.ParseFrom((byte[])r[first + 5]) is { Status: ReceiptStatus.Stored } receipt)
        {
            // The peer's time: range-checked, a receipt without a usable one counts as not received yet.
            receivedAt = WireTimes.TryToDateTimeOffset(receipt.StoredAt, out var stored) ? stored : null;
        }

        return new LedgerEntry(r.GetString(first), Envelope.Parser.ParseFrom((byte[])r[first + 1]), direction, (Stage)r.GetInt32(first + 3), acceptedAt, receivedAt,
            r.GetString(first + 6));
    }
}
