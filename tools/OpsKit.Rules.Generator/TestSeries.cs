using System.Globalization;

namespace OpsKit.Rules.Generator;

/// <summary>Input series shared by the generated <c>promtool test rules</c> cases.</summary>
public static class TestSeries
{
    /// <summary>Labels Prometheus adds to every series it scrapes from one instance.</summary>
    public const string App = "job=\"api\",instance=\"api-0:8080\"";

    /// <summary>
    /// Bucket bounds (seconds) <c>AddOpsTelemetry()</c> gives <c>http.server.request.duration</c>; tests/OpsKit.Tests checks
    /// them against a real scrape.
    /// </summary>
    public static readonly IReadOnlyList<double> RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>A request counter of <c>GET /orders</c> answering <paramref name="status"/>.</summary>
    public static string Requests(string status) =>
        $"{CoreAlertRules.RequestCount}{{{App},http_route=\"/orders\",http_request_method=\"GET\",http_response_status_code=\"{status}\"}}";

    /// <summary>Request-duration buckets: 10 requests a minute, all 50–75 ms or all 7.5–10 s.</summary>
    public static List<(string Series, string Values)> Histogram(bool slow)
    {
        var lowestCounted = slow ? 10 : 0.075;
        var series = new List<(string, string)>();
        foreach (var bound in RequestDurationBuckets.Append(double.PositiveInfinity))
        {
            var le = double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
            series.Add(($"{CoreAlertRules.RequestBucket}{{{App},http_route=\"/orders\",le=\"{le}\"}}", bound >= lowestCounted ? "0+10x20" : "0x20"));
        }

        return series;
    }
}
