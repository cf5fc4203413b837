using System.Net;
using System.Text.Json;

namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// One request to the dependency: a DNS, connect or TLS failure is Unhealthy with its own category, an unexpected
/// status is <c>status</c> (<c>auth</c> for 401/403), a slow answer Degraded, and a JSON body rule decides the rest.
/// The engine's hard timeout cancels the request (category <c>timeout</c>).
/// </summary>
internal sealed class HttpDependencyCheck(HttpDependencyCheckOptions options, IHttpClientFactory clients, TimeProvider? time = null) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "http";

    private const long MaxBodyBytes = 1024 * 1024;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = options.Url!;
        var data = new Dictionary<string, object> { ["url"] = HttpChecks.Safe(url) };
        using var request = new HttpRequestMessage(new HttpMethod(options.Method), url);
        var started = _time.GetTimestamp();
        return await HttpChecks.SendAsync(clients, request, data, response => JudgeAsync(response, url, started, data, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HealthCheckResult> JudgeAsync(
        HttpResponseMessage response, Uri url, long started, Dictionary<string, object> data, CancellationToken cancellationToken)
    {
        var latency = _time.GetElapsedTime(started);
        var code = (int)response.StatusCode;
        data["status_code"] = code;
        data["latency_ms"] = CheckResults.Round(latency.TotalMilliseconds, 1);
        _ = StatusCodeSet.TryParse(options.ExpectedStatus, out var expected);
        if (!expected.Contains(code))
        {
            var category = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? HealthErrorCategories.Auth
                : HealthErrorCategories.Status;
            return CheckResults.Fail(HealthStatus.Unhealthy, category,
                $"{options.Method} {HttpChecks.Safe(url)} answered {code} (expected {options.ExpectedStatus})", data);
        }

        if (options.JsonPath is { } path)
        {
            var rule = await ApplyJsonRuleAsync(response, path, data, cancellationToken).ConfigureAwait(false);
            if (rule is not null)
            {
                return rule.Value;
            }
        }

        if (options.DegradedLatency is { } slow && latency > slow)
        {
            return CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold,
                $"{HttpChecks.Safe(url)} answered in {latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms, over DegradedLatency {slow.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms", data);
        }

        return HealthCheckResult.Healthy($"{HttpChecks.Safe(url)} answered {code}", data);
    }

    private async Task<HealthCheckResult?> ApplyJsonRuleAsync(
        HttpResponseMessage response, string path, Dictionary<string, object> data, CancellationToken cancellationToken)
    {
        string? value;
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            value = SimpleJsonPath.Select(document.RootElement, path);
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Status,
                $"{HttpChecks.Safe(options.Url!)} body is not JSON within {MaxBodyBytes} bytes", data, ex);
        }

        if (value is null)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Status, $"{path} not found in the response", data);
        }

        data["json_value"] = value;
        if (Matches(options.HealthyValues, value))
        {
            return null;
        }

        return Matches(options.DegradedValues, value)
            ? CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Status, $"{path} is '{value}'", data)
            : CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Status, $"{path} is '{value}'", data);
    }

    private static bool Matches(IList<string>? values, string value) =>
        values is not null && values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
}
