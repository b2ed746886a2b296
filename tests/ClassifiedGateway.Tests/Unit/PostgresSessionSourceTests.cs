using ClassifiedGateway.Gateway.Storage.Postgres;
using Npgsql;

namespace ClassifiedGateway.Tests.Unit;

/// <summary>The long-lived sessions (relay lease, change listener) probe a silent TCP link on the gateway's own timing, not the
/// operating system's two hours; unix sockets, where Npgsql cannot set TCP options, and an operator's own timing are left alone.
/// (Over a real TCP link the timers were checked with <c>ss -tnoe</c> during the replica suite: keepalive timers of ≤ 10 s.)</summary>
public sealed class PostgresSessionSourceTests
{
    [Theory]
    [InlineData("db.example")]
    [InlineData("10.0.0.5,10.0.0.6:5433")]
    public void Sessions_over_TCP_probe_a_silent_link_within_seconds(string host)
    {
        var settings = SessionSettings($"Host={host};Username=gateway;Database=gateway");

        Assert.True(settings.TcpKeepAlive);
        Assert.Equal(PostgresDialect.KeepAliveIdleSeconds, settings.TcpKeepAliveTime);
        Assert.Equal(PostgresDialect.KeepAliveIntervalSeconds, settings.TcpKeepAliveInterval);
        Assert.False(settings.Pooling);
    }

    [Theory]
    [InlineData("/var/run/postgresql")]
    [InlineData("@abstract-socket")]
    [InlineData("db.example,/var/run/postgresql")]
    public void Sessions_on_a_unix_socket_get_no_TCP_timing(string host)
    {
        var settings = SessionSettings($"Host={host};Username=gateway;Database=gateway");

        Assert.Equal(0, settings.TcpKeepAliveTime);
        Assert.Equal(0, settings.TcpKeepAliveInterval);
    }

    [Fact]
    public void An_operators_own_keepalive_timing_is_kept()
    {
        var settings = SessionSettings("Host=db.example;Username=gateway;Database=gateway;Tcp Keepalive Time=30;Tcp Keepalive Interval=3");

        Assert.Equal(30, settings.TcpKeepAliveTime);
        Assert.Equal(3, settings.TcpKeepAliveInterval);
    }

    private static NpgsqlConnectionStringBuilder SessionSettings(string connectionString)
    {
        using var dialect = new PostgresDialect(connectionString);
        using var sessions = dialect.CreateSessionSource("test");
        return new NpgsqlConnectionStringBuilder(sessions.ConnectionString);
    }
}
