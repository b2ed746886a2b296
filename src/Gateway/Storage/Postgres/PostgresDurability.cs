using Npgsql;

namespace ClassifiedGateway.Gateway.Storage.Postgres;

/// <summary>The durability promise ("no answer before the write is on disk") checked on every writer session.</summary>
/// <remarks>synchronous_commit is a session setting: a database or role default of "off" is overridden here ("local",
/// "remote_write" and "remote_apply" all wait for the local flush and are kept). fsync and full_page_writes are the
/// server's: when either is off a crash can lose or tear committed pages, so the node refuses to write at all.</remarks>
internal static class PostgresDurability
{
    public static void Require(NpgsqlConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('synchronous_commit'), current_setting('fsync'), current_setting('full_page_writes')";
        string synchronousCommit, fsync, fullPageWrites;
        using (var r = command.ExecuteReader())
        {
            r.Read();
            (synchronousCommit, fsync, fullPageWrites) = (r.GetString(0), r.GetString(1), r.GetString(2));
        }

        if (fsync != "on" || fullPageWrites != "on")
        {
            throw new StoreConfigurationException(
                $"The PostgreSQL server runs with fsync={fsync} and full_page_writes={fullPageWrites}; both must be on, or a committed notice can be lost in a crash (docs/deployment.md). The node refuses to use it.");
        }

        if (synchronousCommit == "off")
        {
            command.CommandText = "SET synchronous_commit TO on";
            command.ExecuteNonQuery();
        }
    }
}
