#pragma warning disable IDE0130 // Extension methods live where ASP.NET Core users look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Adds OpsKit's network checks: HTTP and TCP dependencies, a remote TLS certificate, clock skew. Failures carry
/// distinct categories (<c>dns</c>, <c>connection_refused</c>, <c>tls</c>, <c>timeout</c>, <c>status</c>).
/// </summary>
public static partial class NetworkChecksBuilderExtensions
{
}
