using System.Net;
using System.Net.Sockets;

namespace OpsKit.Testing;

/// <summary>
/// A 127.0.0.1 port that refuses connections for as long as this object lives: the port stays bound but nothing
/// listens, and the kernel never hands a bound port to a socket that binds port 0, so no test server (Kestrel at
/// 127.0.0.1:0, or a fixture that took its port from <see cref="FreePort"/>) can start listening on it. A port from
/// <see cref="FreePort"/> alone is released at once and may be the next one such a server gets.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Binds a free port on 127.0.0.1 without listening on it.</summary>
    public ClosedPort()
    {
        try
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>The bound port; connecting to 127.0.0.1 on it is refused.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Releases the port.</summary>
    public void Dispose() => _socket.Dispose();
}
