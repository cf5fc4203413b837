using System.Net;
using System.Net.Sockets;

namespace OpsKit.Testing;

/// <summary>Finds a TCP port on 127.0.0.1 that is free right now.</summary>
public static class FreePort
{
    /// <summary>Binds 127.0.0.1:0, reads the port the OS chose and releases it.</summary>
    /// <returns>A loopback port that was free at the time of the call (another process may still take it).</returns>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
