using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The named client of the HTTP-based checks: no resilience handlers, no client timeout, resolver seam, and its own
/// meters (<see cref="CheckTrafficMeterFactory"/>) so that the checks' requests stay out of the app's
/// <c>http.client.*</c> metrics. Its spans are children of the check run's span (docs/tracing.md).
/// </summary>
internal static class HttpChecks
{
    public const string ClientName = "OpsKit.Health.Checks";

    public static void AddClient(IServiceCollection services)
    {
        services.TryAddSingleton<CheckTrafficMeterFactory>();
        var builder = services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static provider =>
            {
                var resolver = provider.GetRequiredService<IHostResolver>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    MeterFactory = provider.GetRequiredService<CheckTrafficMeterFactory>(),
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        var socket = await TcpConnector.ConnectAsync(
                            resolver, context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                };
            })
            .AddHttpMessageHandler(static () => new CheckTrafficTracingHandler());

        // A check measures the dependency as it is: retries, hedging or a breaker from ConfigureHttpClientDefaults
        // would hide failures and outlast the check's timeout. The API is marked for evaluation (EXTEXP0001) but is
        // the only supported way to undo ConfigureHttpClientDefaults for one client; a test pins its behaviour.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        // IHttpClientFactory's default loggers write the full URL (query and user-info included) and the exception of
        // every failed run, around OpsKit's redactor and once per period. The check's result is the record.
        builder.RemoveAllLoggers();
    }

    /// <summary>The URL without user-info, query or fragment, safe for data and messages.</summary>
    public static string Safe(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>
    /// Sends <paramref name="request"/> through the checks' client (headers read, body left to <paramref name="judge"/>)
    /// and judges the answer; a request that fails (DNS, connect, TLS) is the check's result, with its own category.
    /// </summary>
    public static async Task<HealthCheckResult> SendAsync(
        IHttpClientFactory clients,
        HttpRequestMessage request,
        Dictionary<string, object> data,
        Func<HttpResponseMessage, Task<HealthCheckResult>> judge,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return CheckResults.FromException(ex, data, $"{request.Method} {Safe(request.RequestUri!)}");
        }

        using (response)
        {
            return await judge(response).ConfigureAwait(false);
        }
    }
}
