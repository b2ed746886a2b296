using System.Text;
using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>One history row as the store writes it.</summary>
internal sealed record HistoryRow(string MessageId, int Stage, long AtMs, string? Detail, string? Rule, string? Article, string? Message, int EventKind);

/// <summary>The history and audit rows of one group commit, written with a few multi-row INSERTs just before COMMIT.</summary>
/// <remarks>Each entry is still one row, hash-chained in the order the operations ran, so every message keeps its own audit
/// entries (verify-audit and evidence export are unchanged); only the statements are per commit. Savepoints mark how much
/// was buffered: a ROLLBACK TO drops what the rolled-back operation buffered and puts the chain's head back where it was.</remarks>
internal sealed class PendingEvents
{
    /// <summary>Rows per INSERT at most. Small on purpose: Microsoft.Data.Sqlite binds each parameter by looking its name
    /// up in the statement (a linear scan in SQLite), so a statement's binding costs grow with the square of its
    /// parameters — 64 rows of 8 columns spent ~9 % of both nodes' CPU in <c>strncmp</c>; 8 rows cost a sixty-fourth of
    /// that per row for one more statement per 8 rows.</summary>
    private const int Chunk = 8;
    private const int MaxColumns = 8;

    /// <summary>The parameter names, made once (the statement cache then sees the same instances on every rebind).</summary>
    private static readonly string[,] Names = MakeNames();
    private static readonly string[] AuditColumns = ["seq", "at", "kind", "message_id", "actor", "detail", "prev_hash", "hash"];
    private static readonly string[] HistoryColumns = ["message_id", "stage", "at", "detail", "refusal_rule", "refusal_article", "refusal_message", "event_kind"];
    private static readonly Dictionary<(string, int), string> Texts = [];

    private readonly List<AuditEntry> _audit = [];
    private readonly List<HistoryRow> _history = [];
    private readonly List<(string Name, int Audit, int History, (long, byte[])? Head)> _marks = [];

    public bool HasHistory => _history.Count > 0;

    public void Add(AuditEntry entry) => _audit.Add(entry);

    public void Add(HistoryRow row) => _history.Add(row);

    /// <summary>Whether a history row not yet written matches (for checks that would otherwise miss this commit's rows).</summary>
    public bool Any(Func<HistoryRow, bool> match) => _history.Exists(r => match(r));

    public void Mark(string name, (long, byte[])? head) => _marks.Add((name, _audit.Count, _history.Count, head));

    /// <summary>Drops what was buffered since the savepoint (which stays open, as in SQL) and returns the head it saw.</summary>
    public (long, byte[])? RollBackTo(string name)
    {
        var i = _marks.FindLastIndex(m => m.Name == name);
        var mark = _marks[i];
        _audit.RemoveRange(mark.Audit, _audit.Count - mark.Audit);
        _history.RemoveRange(mark.History, _history.Count - mark.History);
        _marks.RemoveRange(i + 1, _marks.Count - i - 1);
        return mark.Head;
    }

    public void Release(string name)
    {
        var i = _marks.FindLastIndex(m => m.Name == name);
        _marks.RemoveRange(i, _marks.Count - i);
    }

    /// <summary>Writes everything buffered: chunks of <see cref="Chunk"/> rows, the rest in powers of two, so few distinct texts are ever prepared.</summary>
    public void Flush(WriteScope scope)
    {
        Write(scope, "audit", AuditColumns, _audit, a => [a.Sequence, a.AtMs, a.Kind, a.MessageId, a.Actor, a.Detail, a.PreviousHash, a.Hash]);
        Write(scope, "history", HistoryColumns, _history, h => [h.MessageId, h.Stage, h.AtMs, h.Detail, h.Rule, h.Article, h.Message, h.EventKind]);
        _audit.Clear();
        _history.Clear();
    }

    private static void Write<T>(WriteScope scope, string table, string[] columns, List<T> rows, Func<T, object?[]> values)
    {
        var done = 0;
        while (done < rows.Count)
        {
            var left = rows.Count - done;
            var count = left >= Chunk ? Chunk : 1 << (31 - int.LeadingZeroCount(left));
            var parameters = new (string, object?)[count * columns.Length];
            for (var r = 0; r < count; r++)
            {
                var row = values(rows[done + r]);
                for (var c = 0; c < columns.Length; c++)
                {
                    parameters[(r * columns.Length) + c] = (Name(r, c), row[c]);
                }
            }

            scope.Write(Text(table, columns, count), parameters);
            done += count;
        }
    }

    private static string Name(int row, int column) => Names[row, column];

    private static string[,] MakeNames()
    {
        var names = new string[Chunk, MaxColumns];
        for (var r = 0; r < Chunk; r++)
        {
            for (var c = 0; c < MaxColumns; c++)
            {
                names[r, c] = $"@p{r}_{c}";
            }
        }

        return names;
    }

    private static string Text(string table, string[] columns, int count)
    {
        lock (Texts)
        {
            if (Texts.TryGetValue((table, count), out var text))
            {
                return text;
            }

            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (").AppendJoin(", ", Enumerable.Range(0, columns.Length).Select(c => Name(r, c))).Append(')');
            }

            text = sql.ToString();
            Texts[(table, count)] = text;
            return text;
        }
    }
}
