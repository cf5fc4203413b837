using System.Net;
using System.Net.Sockets;

namespace OpsKit.Health.Checks.Internal;

/// <summary>The machine's resolver (<see cref="Dns"/>); IP literals are not looked up.</summary>
/// <param name="lookup">
/// The lookup behind the resolver, <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> unless a test
/// answers it on this machine (tests/OpsKit.Tests/Checks/DnsHostResolverTests.cs).
/// </param>
internal sealed class DnsHostResolver(Func<string, CancellationToken, Task<IPAddress[]>>? lookup = null) : IHostResolver
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _lookup = lookup ?? Dns.GetHostAddressesAsync;

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        var addresses = await _lookup(host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}
