using Npgsql;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>The PostgreSQL server test.sh starts (eng/test-postgres.sh) and names in CG_TEST_POSTGRES. Without it the PostgreSQL
/// tests are skipped with the reason locally, and fail under CI=true: there the suite must run on both engines.</summary>
internal static class TestPostgres
{
    public const string Variable = "CG_TEST_POSTGRES";

    public static string RequireConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {Variable} is not set: test.sh must start PostgreSQL for the store contract suite.");
        }

        Skip.If(true, $"No PostgreSQL: {Variable} is not set (./test.sh starts one; or eng/test-postgres.sh start DIR and export the string it prints).");
        return "";
    }

    /// <summary>The same server with every unqualified name resolved in <paramref name="schema"/>.</summary>
    public static string InSchema(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
}
