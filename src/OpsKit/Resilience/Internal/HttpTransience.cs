using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpsKit.Resilience.Internal;

/// <summary>Which HTTP outcomes are transient, and which requests may be sent again.</summary>
internal static class HttpTransience
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Connection failures, attempt timeouts, 408, 429 and 5xx; open circuits too (the endpoint was skipped).</summary>
    public static bool IsTransient(in Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        _ => false,
    };

    /// <summary>What a breaker counts as a failure: the transient set without the breaker's own rejections.</summary>
    public static bool IsFailure(in Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        HttpRequestException or TimeoutRejectedException => true,
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

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
