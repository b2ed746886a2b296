using System.Data.Common;
using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Domain;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>Maps stored rows to the wire's records.</summary>
internal static class MessageRows
{
    public const string Columns = "seq, id, direction, kind, stage, stage_at, accepted_at, envelope, receipt, refusal_rule, refusal_article, refusal_message, refusal_fields, flags, "
        + "(SELECT MIN(due_at) FROM obligations o WHERE o.message_id = messages.key AND o.closed_at IS NULL) AS next_due, "
        + "(SELECT COUNT(*) FROM obligations o WHERE o.message_id = messages.key AND o.closed_at IS NULL AND o.overdue_at IS NOT NULL) AS overdue, "
        + "digest, sender_party, sender_body, receiver_party, receiver_body, key";

    /// <summary>A stored row as a record. <c>Problem</c> is set when a row not yet quarantined fails its check. An envelope that fails its digest or does not parse is left out (the record carries
    /// only the row's own columns: id, parties, bodies) and <c>Problem</c> says why; the row is never served as if intact.</summary>
    public static (long Sequence, MessageRecord Record, string? Problem, string Key) Read(DbDataReader r)
    {
        var envelope = StoredEnvelopes.Check((byte[])r[7], (byte[])r[16], out var problem);
        var record = new MessageRecord
        {
            Direction = (Direction)r.GetInt32(2),
            Kind = r.GetString(3),
            Stage = (Stage)r.GetInt32(4),
            StageAt = Times.ToTimestamp(r.GetInt64(5)),
            AcceptedAt = Times.ToTimestamp(r.GetInt64(6)),
            Envelope = envelope ?? new Envelope
            {
                Id = r.GetString(1),
                SenderParty = (Party)r.GetInt32(17),
                SenderBody = r.GetString(18),
                ReceiverParty = (Party)r.GetInt32(19),
                ReceiverBody = r.GetString(20),
            },
        };
        if (!r.IsDBNull(8))
        {
            record.Receipt = Receipt.Parser.ParseFrom((byte[])r[8]);
        }

        if (ReadRefusal(r, 9) is { } refusal)
        {
            record.Refusal = refusal;
        }

        if (!r.IsDBNull(13))
        {
            var flags = FlagColumn.Read(r.GetString(13)).ToList();
            record.RuleFlags.AddRange(flags);
#pragma warning disable CS0612 // MessageRecord.flags is deprecated on the wire but still filled for one release.
            record.Flags.AddRange(flags.Select(f => f.Message));
#pragma warning restore CS0612
        }

        if (!r.IsDBNull(14))
        {
            record.NextDueAt = Times.ToTimestamp(r.GetInt64(14));
        }

        record.Overdue = r.GetInt64(15) > 0;
        if (problem is not null && record is { Stage: Stage.Failed, Refusal.RuleId: StoredEnvelopes.QuarantineRule })
        {
            // Already quarantined: nothing new to report.
            problem = null;
        }
        else if (problem is not null)
        {
            // Shown as quarantined from the first read on; the caller records the quarantine.
            record.Stage = Stage.Failed;
            record.Refusal = StoredEnvelopes.QuarantineRefusal(problem);
        }

        return (r.GetInt64(0), record, problem, r.GetString(21));
    }

    /// <summary>Reads rule, article, message and fields from four consecutive columns.</summary>
    public static Refusal? ReadRefusal(DbDataReader r, int first)
    {
        if (r.IsDBNull(first))
        {
            return null;
        }

        var refusal = new Refusal
        {
            RuleId = r.GetString(first),
            Article = r.IsDBNull(first + 1) ? "" : r.GetString(first + 1),
            Message = r.IsDBNull(first + 2) ? "" : r.GetString(first + 2),
        };
        if (!r.IsDBNull(first + 3) && r.GetString(first + 3) is { Length: > 0 } fields)
        {
            refusal.Fields.AddRange(fields.Split(','));
        }

        return refusal;
    }

    public static StageEvent ReadEvent(DbDataReader r)
    {
        var e = new StageEvent
        {
            Sequence = r.GetInt64(0),
            MessageId = r.GetString(1),
            Stage = (Stage)r.GetInt32(2),
            At = Times.ToTimestamp(r.GetInt64(3)),
            Detail = r.IsDBNull(4) ? "" : r.GetString(4),
            Direction = (Direction)r.GetInt32(8),
            Kind = r.GetString(9),
            EventKind = (EventKind)r.GetInt32(10),
            MessageAcceptedAt = Times.ToTimestamp(r.GetInt64(11)),
        };
        if (!r.IsDBNull(5))
        {
            e.Refusal = new Refusal
            {
                RuleId = r.GetString(5),
                Article = r.IsDBNull(6) ? "" : r.GetString(6),
                Message = r.IsDBNull(7) ? "" : r.GetString(7),
            };
        }

        return e;
    }
}
