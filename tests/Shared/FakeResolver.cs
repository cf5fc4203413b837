using System.Net;
using System.Net.Sockets;
using OpsKit.Health;

namespace OpsKit.Testing.Shared;

/// <summary>
/// Shared source, linked into test projects. The resolver seam: names under .invalid fail like NXDOMAIN, everything else is 127.0.0.1. Nothing reaches the machine's resolver.
/// </summary>
internal sealed class FakeResolver : IHostResolver
{
    public int Lookups;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lookups);
        return host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(new[] { IPAddress.Loopback });
    }
}
