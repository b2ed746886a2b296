using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClassifiedGateway.Tests.Harness;
using Grpc.Health.V1;

namespace ClassifiedGateway.Tests.Integration.BadInput;

/// <summary>Connections that never start TLS cost their own address a few slots for the handshake timeout, and never the
/// connections legitimate callers need.</summary>
public sealed class IdleConnectionTests
{
    private const int IdleSockets = 1_200;
    private const int PendingPerAddress = 32;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Twelve_hundred_idle_connections_from_one_address_do_not_stop_a_legitimate_caller()
    {
        await using var pair = await NodePair.StartAsync(s =>
        {
            s.Extra["Gateway:Limits:HandshakeTimeout"] = "00:00:02";
            s.Extra["Gateway:Limits:MaxPendingHandshakesPerAddress"] = PendingPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        var node = pair.KzNode;
        var sockets = new List<Socket>(IdleSockets);
        var refusedAtConnect = 0;
        try
        {
            using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            for (var i = 0; i < IdleSockets; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, node.Settings.LocalPort), connecting.Token);
                }
                catch (SocketException)
                {
                    // Over the quota the server may close before the connect is even reported: closed at once.
                    refusedAtConnect++;
                    sockets.Remove(socket);
                    socket.Dispose();
                }
            }

            var connected = Stopwatch.StartNew();

            // Fresh connections from 127.0.0.1, each a full TLS handshake and a call, while the idle ones are still open.
            for (var i = 0; i < 10; i++)
            {
                using var channel = node.Channel(node.Settings.LocalPort, Path.Combine(node.Settings.Own, Notices.KzCompetentBody));
                var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(10));
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
            }

            // Every idle socket is closed by the server: over the quota at once, the others when the handshake times out.
            using var closing = new CancellationTokenSource(HandshakeTimeout + TimeSpan.FromSeconds(5));
            var closed = await Task.WhenAll(sockets.Select(s => ClosedByServerAsync(s, closing.Token)));
            Assert.Equal(IdleSockets, refusedAtConnect + closed.Count(c => c));
            Assert.True(connected.Elapsed < HandshakeTimeout + TimeSpan.FromSeconds(5), $"closing took {connected.Elapsed}");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<bool> ClosedByServerAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) == 0;
        }
        catch (SocketException)
        {
            // Reset by the server: closed too.
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
