using System.Net;
using System.Net.Sockets;

namespace OpsKit.Health.Checks.Internal;

/// <summary>Resolves through <see cref="IHostResolver"/> and connects to the first address that accepts.</summary>
internal static class TcpConnector
{
    public static async Task<Socket> ConnectAsync(IHostResolver resolver, string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
