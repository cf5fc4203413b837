using Microsoft.Extensions.Http;

namespace OpsKit.Security.Internal;

/// <summary>
/// Wraps the primary handler of the clients marked with <c>IHttpClientBuilder.AddOpsSecuritySignals()</c> after every
/// other configuration ran, so the order of the builder calls does not matter.
/// </summary>
internal sealed class CertificateValidationFilter(CertificateValidationSignals tls, SecurityClientNames names) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is null || !names.Contains(builder.Name))
        {
            return;
        }

        switch (builder.PrimaryHandler)
        {
            case SocketsHttpHandler sockets:
                tls.Wrap(sockets);
                break;
            case HttpClientHandler client:
                tls.Wrap(client);
                break;
        }
    };
}
