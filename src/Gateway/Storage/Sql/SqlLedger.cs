using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;
using ClassifiedGateway.Gateway.Rules;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>The ledger read inside a write transaction: stored messages that no node refused.</summary>
internal sealed class SqlLedger(WriteScope scope) : ILedger
{
    private const string Facts = "stage NOT IN (6, 7, 8)";
    private const string Select = "SELECT m.id, m.envelope, m.direction, m.stage, m.accepted_at, m.receipt, m.key FROM messages m";

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

    public static LedgerEntry Read(DbDataReader r)
    {
        var direction = (Direction)r.GetInt32(2);
        var acceptedAt = Times.FromUnixMs(r.GetInt64(4));
        DateTimeOffset? receivedAt = direction == Direction.Inbound ? acceptedAt : null;
        if (direction == Direction.Outbound && !r.IsDBNull(5) && Receipt.Parser.ParseFrom((byte[])r[5]) is { Status: ReceiptStatus.Stored } receipt)
        {
            // The peer's time: range-checked, a receipt without a usable one counts as not received yet.
            receivedAt = WireTimes.TryToDateTimeOffset(receipt.StoredAt, out var stored) ? stored : null;
        }

        return new LedgerEntry(r.GetString(0), Envelope.Parser.ParseFrom((byte[])r[1]), direction, (Stage)r.GetInt32(3), acceptedAt, receivedAt, r.GetString(6));
    }
}
