using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace OpsKit.Resilience.Internal;

/// <summary>Which HTTP outcomes are transient, and which requests may be sent again.</summary>
internal static class HttpTransience
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// Http.Resilience's transient set (connection failures and connect timeouts, attempt timeouts, 408, 429, 5xx), plus
    /// open circuits (the endpoint was skipped).
    /// </summary>
    public static bool IsTransient(in Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome.Exception is BrokenCircuitException || IsFailure(outcome, cancellationToken);

    /// <summary>What a breaker counts as a failure: Http.Resilience's transient set, without the breaker's own rejections.</summary>
    public static bool IsFailure(in Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
#pragma warning disable EXTEXP0001 // The overload that also knows SocketsHttpHandler's connect timeout; a test pins what it classifies.
        HttpClientResiliencePredicates.IsTransient(outcome, cancellationToken);
#pragma warning restore EXTEXP0001

    /// <summary>The request certainly did not reach the endpoint: no connection, or its circuit is open.</summary>
    public static bool NeverSent(Exception? exception) => exception switch
    {
        BrokenCircuitException => true,
        HttpRequestException http => http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        _ => false,
    };

    /// <summary>GET, HEAD, OPTIONS, TRACE, PUT, DELETE; any method with an Idempotency-Key header; any method when the pipeline allows it.</summary>
    public static bool MaySendAgain(HttpRequestMessage request, bool allowNonIdempotent)
    {
        if (allowNonIdempotent)
        {
            return true;
        }

        var method = request.Method;
        return method == HttpMethod.Get
            || method == HttpMethod.Head
            || method == HttpMethod.Options
            || method == HttpMethod.Trace
            || method == HttpMethod.Put
            || method == HttpMethod.Delete
            || request.Headers.Contains(IdempotencyKeyHeader);
    }
}
