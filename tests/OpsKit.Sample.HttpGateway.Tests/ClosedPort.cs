using System.Net;
using System.Net.Sockets;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>
/// A 127.0.0.1 port where nothing listens, held until disposed: the socket is bound but never listens, so connections
/// are refused and no other process (another test assembly's Kestrel on port 0) can take the port meanwhile, which a
/// port bound once and released (FreePort) does not prevent.
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}/");

    public void Dispose() => _socket.Dispose();
}
