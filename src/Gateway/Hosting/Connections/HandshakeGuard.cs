using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ClassifiedGateway.Gateway.Hosting.Connections;

/// <summary>Kestrel connection middleware around the TLS handshake: over the per-address quota of pending handshakes a
/// connection is closed at once; the slot is given back as soon as TLS completes.</summary>
internal static partial class HandshakeGuard
{
    private const string SlotKey = "classified-gateway.handshake-slot";

    /// <summary>Adds the guard to <paramref name="listen"/>; <paramref name="useHttps"/> adds TLS between its two halves.</summary>
    public static void Wrap(ListenOptions listen, PendingHandshakes pending, ILogger logger, Action<ListenOptions> useHttps)
    {
        listen.Use(next => async connection =>
        {
            if (connection.RemoteEndPoint is not IPEndPoint remote)
            {
                await next(connection);
                return;
            }

            if (pending.TryEnter(remote.Address) is not { } slot)
            {
                LogRefused(logger, remote.Address.ToString());
                connection.Abort(new ConnectionAbortedException("Too many pending TLS handshakes from this address."));
                return;
            }

            connection.Items[SlotKey] = slot;
            try
            {
                await next(connection);
            }
            finally
            {
                slot.Release();
            }
        });
        useHttps(listen);
        listen.Use(next => connection =>
        {
            (connection.Items.TryGetValue(SlotKey, out var slot) ? slot as PendingHandshakes.Slot : null)?.Release();
            return next(connection);
        });
    }

    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Closed a connection from {Address}: too many TLS handshakes pending from it")]
    private static partial void LogRefused(ILogger logger, string address);
}
