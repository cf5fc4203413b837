using System.Net;

namespace OpsKit.Health;

/// <summary>
/// Resolves host names for OpsKit's network checks (<c>http</c>, <c>tcp</c>, <c>certificate</c>). The default asks the
/// machine's resolver (<see cref="System.Net.Dns"/>). Register your own after <c>AddOpsHealth()</c> to resolve through
/// service discovery, or in tests to fail a lookup without sending a made-up name to any resolver.
/// </summary>
public interface IHostResolver
{
    /// <summary>
    /// Returns the addresses of <paramref name="host"/>. A name that does not exist throws
    /// <see cref="System.Net.Sockets.SocketException"/> with <see cref="System.Net.Sockets.SocketError.HostNotFound"/>,
    /// which the engine reports with category <c>dns</c>.
    /// </summary>
    /// <param name="host">The host name of the check's URL or <c>Host</c> key.</param>
    /// <param name="cancellationToken">Cancelled at the check's timeout.</param>
    /// <returns>The addresses, tried in order.</returns>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
