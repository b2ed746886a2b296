using System.Data.Common;

namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>One write operation's view of the group commit's transaction.</summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction transaction, StoreCounters counters)
{
    public bool OutboxChanged { get; set; }

    public bool InboxChanged { get; set; }

    public bool HistoryChanged { get; set; }

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        // Every command made here is executed exactly once by its caller, so counting here counts statements run.
        counters.Wrote();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        SqlParameters.Bind(command, parameters);
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}

/// <summary>Binds named parameters the same way for every engine.</summary>
internal static class SqlParameters
{
    public static void Bind(DbCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
