using System.Net;
using System.Net.Sockets;

namespace OpsKit.Testing;

/// <summary>
/// A 127.0.0.1 port where nothing listens, held until disposed: the socket is bound but never listens, so connections
/// are refused and no other process (another test assembly's Kestrel on port 0) can take the port meanwhile, which a
/// port bound once and released (<see cref="FreePort"/>) does not prevent.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Binds a free 127.0.0.1 port without listening on it.</summary>
    public ClosedPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    /// <summary>The refused port.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary><c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
