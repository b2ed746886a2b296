using System.Data.Common;
using System.Globalization;
using ClassifiedGateway.Gateway.Storage.Sql;

namespace ClassifiedGateway.Gateway.Storage.Faults;

/// <summary>Makes the group commit's own statements fail, relayed notices' admission throw, or the database full, on command.</summary>
/// <remarks>Commands, one a line: "fail STEP N" (STEP: open, begin, savepoint, release, rollback (ROLLBACK TO), commit, abort (the ROLLBACK before a batch runs again isolated); the next N times),
/// "poison MESSAGE-ID" (admitting that relayed notice throws), "disk-full" (the database may not grow: SQLITE_FULL),
/// "disk-free" (it may grow again).</remarks>
public sealed class FaultInjector : IWriteFaults
{
    private const long UnlimitedPages = 4_294_967_294;
    private readonly Lock _lock = new();
    private readonly Dictionary<WriteStep, int> _failures = [];
    private readonly HashSet<string> _poisoned = new(StringComparer.Ordinal);
    private bool _full;
    private bool _restore;

    public void Apply(string command)
    {
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_lock)
        {
            switch (parts)
            {
                case ["fail", var step, var count]:
                    _failures[Step(step)] = int.Parse(count, CultureInfo.InvariantCulture);
                    break;
                case ["poison", var id]:
                    _poisoned.Add(id);
                    break;
                case ["disk-full"]:
                    _full = true;
                    break;
                case ["disk-free"]:
                    _full = false;
                    _restore = true;
                    break;
                case []:
                    break;
                default:
                    throw new FormatException($"Unknown fault command '{Domain.SafeText.Bounded(command, 80)}'.");
            }
        }
    }

    public void Before(WriteStep step, DbConnection? connection)
    {
        lock (_lock)
        {
            if (step == WriteStep.Begin && connection is not null)
            {
                LimitGrowth(connection);
            }

            if (_failures.TryGetValue(step, out var left) && left > 0)
            {
                _failures[step] = left - 1;
                throw new InjectedFaultException(step.ToString());
            }
        }
    }

    public void BeforeAdmission(string messageId)
    {
        lock (_lock)
        {
            if (_poisoned.Contains(messageId))
            {
                throw new InjectedFaultException($"admission of {messageId}");
            }
        }
    }

    /// <summary>max_page_count is per connection: applied before every batch while full, so a reopened connection is full too.</summary>
    private void LimitGrowth(DbConnection connection)
    {
        if (!_full && !_restore)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        var pages = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA max_page_count = {(_full ? pages : UnlimitedPages)}";
        command.ExecuteNonQuery();
        _restore = false;
    }

    private static WriteStep Step(string name) => name switch
    {
        "open" => WriteStep.Open,
        "begin" => WriteStep.Begin,
        "savepoint" => WriteStep.Savepoint,
        "release" => WriteStep.Release,
        "rollback" => WriteStep.RollbackTo,
        "commit" => WriteStep.Commit,
        "abort" => WriteStep.Rollback,
        _ => throw new FormatException($"Unknown write step '{Domain.SafeText.Bounded(name, 40)}'."),
    };
}

/// <summary>A failure made on purpose by the fault injector.</summary>
public sealed class InjectedFaultException(string what) : Exception($"Injected fault: {what}.");
