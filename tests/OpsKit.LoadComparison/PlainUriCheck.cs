using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.LoadComparison;

/// <summary>
/// What Xabaril's <c>AddUrlGroup(uri)</c> does (AspNetCore.HealthChecks.Uris is not available from this machine's
/// package mirror): a GET through an <see cref="IHttpClientFactory"/> client with a timeout, Healthy on 2xx.
/// </summary>
internal sealed class PlainUriCheck(IHttpClientFactory clients, Uri uri, TimeSpan timeout) : IHealthCheck
{
    public const string ClientName = "upstream";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"Discover endpoint #0 is not responding with code in 200...299 range, the current status is {response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception: exception);
        }
    }
}
