using OpsKit.Security.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Counts outbound TLS validation failures of a named <see cref="System.Net.Http.HttpClient"/>.
/// </summary>
public static class OpsSecurityHttpClientBuilderExtensions
{
    /// <summary>
    /// Counts the client's server certificate validation failures as <c>certificate_validation_failed</c>
    /// (reason <c>expired</c>, <c>untrusted_root</c>, <c>name_mismatch</c>, <c>invalid_signature</c>, <c>not_available</c>
    /// or <c>other</c>) while keeping its validation: the handler's own callback, or the platform's verdict, still decides.
    /// Applies to the final primary handler (<c>SocketsHttpHandler</c> or <c>HttpClientHandler</c>) whatever the order of
    /// the builder calls. Clients with an OpsKit resilience pipeline (<c>AddOpsResilience</c>) are covered without this
    /// call once <c>AddOpsSecuritySignals()</c> is registered.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddOpsSecuritySignals(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpsSecuritySignals();
        var names = builder.Services.First(d => d.ServiceType == typeof(SecurityClientNames)).ImplementationInstance as SecurityClientNames;
        names?.Add(builder.Name);
        return builder;
    }
}
