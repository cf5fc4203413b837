using System.Net;
using System.Net.Sockets;

namespace OpsKit.Health.Checks.Internal;

/// <summary>The machine's resolver (<see cref="Dns"/>); IP literals are not looked up.</summary>
internal sealed class DnsHostResolver : IHostResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}
