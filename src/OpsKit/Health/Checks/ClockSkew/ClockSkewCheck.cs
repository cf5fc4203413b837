namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// Local clock vs the <c>Date</c> header of a trusted server. The header has one-second resolution and is truncated,
/// so the server time is taken as Date + 0.5 s and compared with the midpoint of the request.
/// </summary>
internal sealed class ClockSkewCheck(ClockSkewCheckOptions options, IHttpClientFactory clients, TimeProvider? time = null) : IHealthCheck
{
    /// <summary>The <c>Type</c> that declares this check in configuration, and its default name where it has one.</summary>
    public const string TypeName = "clockskew";

    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = options.Url!;
        var data = new Dictionary<string, object> { ["url"] = HttpChecks.Safe(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var sent = _time.GetUtcNow();
        return await HttpChecks.SendAsync(clients, request, data, response => Task.FromResult(Judge(response, url, sent, data)), cancellationToken).ConfigureAwait(false);
    }

    private HealthCheckResult Judge(HttpResponseMessage response, Uri url, DateTimeOffset sent, Dictionary<string, object> data)
    {
        var received = _time.GetUtcNow();
        if (response.Headers.Date is not { } date)
        {
            return CheckResults.Fail(HealthStatus.Unhealthy, HealthErrorCategories.Status, $"{HttpChecks.Safe(url)} sent no Date header", data);
        }

        var local = sent + ((received - sent) / 2);
        var skew = local - (date + HalfSecond);
        data["skew_seconds"] = CheckResults.Round(skew.TotalSeconds, 1);
        data["server_date"] = date;
        var text = skew.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (skew.Duration() > options.DegradedAfter)
        {
            return CheckResults.Fail(HealthStatus.Degraded, HealthErrorCategories.Threshold,
                $"local clock is {text} s off {HttpChecks.Safe(url)} (DegradedAfter {options.DegradedAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)", data);
        }

        return HealthCheckResult.Healthy($"local clock is {text} s off {HttpChecks.Safe(url)}", data);
    }
}
