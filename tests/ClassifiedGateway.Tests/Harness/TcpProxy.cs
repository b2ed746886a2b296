using System.Net;
using System.Net.Sockets;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>A plain TCP relay on 127.0.0.1 in front of one loopback port — as a load balancer, NAT or port-forward would be:
/// the bytes (TLS included) pass unchanged, only the port differs. Bounded in connections; disposing closes everything.</summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private const int MaxConnections = 64;
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private int _accepted;

    private TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The proxy's own port (not the target's).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many client connections the proxy has relayed.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static TcpProxy To(int targetPort) => new(targetPort);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }

        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _open.RemoveAll(c => !c.Connected);
                if (_open.Count >= MaxConnections)
                {
                    inbound.Dispose();
                    continue;
                }

                _open.Add(inbound);
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => RelayAsync(inbound));
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            using var pair = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            var up = a.CopyToAsync(b, pair.Token);
            var down = b.CopyToAsync(a, pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side closed: close the other.
        }
        finally
        {
            inbound.Dispose();
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }
}
