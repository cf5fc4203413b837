using System.Net;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Resolves host names for the network checks. The seam lets tests fail a lookup without sending a made-up name to
/// the machine's resolver; a failed lookup throws <see cref="System.Net.Sockets.SocketException"/> with
/// <see cref="System.Net.Sockets.SocketError.HostNotFound"/>, which the engine reports as <c>dns</c>.
/// </summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
