using System.Net;
using System.Net.Sockets;

namespace OpsKit.Probes.Internal;

/// <summary>
/// One TCP probe port: listening while its probe passes, closed (no listening socket, so connections are refused)
/// otherwise. Accepted connections are closed at once; a TCP probe only needs the handshake.
/// </summary>
internal sealed class TcpProbeListener(string key, IPAddress address, int port) : IDisposable
{
    private readonly Lock _gate = new();
    private Socket? _listener;
    private bool _disposed;

    /// <summary>The configuration key of the port, for messages.</summary>
    public string Key { get; } = key;

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Opens or closes the port; throws <see cref="SocketException"/> when the port cannot be bound.</summary>
    public void Set(bool open)
    {
        lock (_gate)
        {
            if (_disposed || open == (_listener is not null))
            {
                return;
            }

            if (!open)
            {
                _listener!.Dispose();
                _listener = null;
                return;
            }

            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    listener.DualMode = true;
                }

                listener.Bind(new IPEndPoint(address, port));
                listener.Listen();
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _listener?.Dispose();
            _listener = null;
        }
    }

    private static async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // The port was closed: the probe failed or the host stops.
        }
    }
}
