using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>A connection's commands (the writer's, or a kept read session's), one per SQL text, kept prepared and reused with
/// their parameters rebound.</summary>
/// <remarks>Parsing and planning were two thirds of SQLite's CPU on the write path when every statement was a new command.
/// The set of texts is small and fixed (the store's own SQL); the bound only guards against a caller that builds texts
/// from data. Owned with its connection: disposed with it, so a reset connection never keeps a stale statement.</remarks>
internal sealed class StatementCache(DbConnection connection) : IDisposable
{
    private const int Capacity = 512;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbCommand Get(string sql, DbTransaction? transaction, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                Clear();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        Rebind(command, parameters);
        return command;
    }

    /// <summary>Sets the values in place when the names are the same as last time (the usual case), else binds afresh.</summary>
    private static void Rebind(DbCommand command, (string Name, object? Value)[] parameters)
    {
        var bound = command.Parameters;
        var same = bound.Count == parameters.Length;
        for (var i = 0; same && i < parameters.Length; i++)
        {
            same = string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal);
        }

        if (!same)
        {
            bound.Clear();
            SqlParameters.Bind(command, parameters);
            return;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }
    }

    private void Clear()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    public void Dispose() => Clear();
}
