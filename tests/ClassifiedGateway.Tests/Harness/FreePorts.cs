using System.Net;
using System.Net.Sockets;

namespace ClassifiedGateway.Tests.Harness;

/// <summary>Loopback ports nobody listens on right now, taken below the kernel's ephemeral range (32768+) so that outgoing
/// connections cannot grab them between allocation and the node's bind, and never handed out twice in one test run.</summary>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];
    private static int _next = First + Random.Shared.Next(0, Last - First);

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < Last - First; attempt++)
            {
                var port = _next;
                _next = _next >= Last ? First : _next + 1;
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free loopback port.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
