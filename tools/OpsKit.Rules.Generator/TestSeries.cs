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
    public static readonly IReadOnlyList<double> RequestDurationBuckets = [0.1, 0.5, 1, 2.5, 5, 10];

    /// <summary>A request counter of <c>GET /orders</c> answering <paramref name="status"/>.</summary>
    public static string Requests(string status) =>
        $"{CoreAlertRules.RequestCount}{{{App},http_route=\"/orders\",http_request_method=\"GET\",http_response_status_code=\"{status}\"}}";

    /// <summary>Request-duration buckets: 10 requests a minute, all under 0.1 s or all 5–10 s.</summary>
    public static List<(string Series, string Values)> Histogram(bool slow)
    {
        var series = new List<(string, string)>();
        foreach (var bound in RequestDurationBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)).Append("+Inf"))
        {
            var counted = !slow || bound is "10" or "+Inf";
            series.Add(($"{CoreAlertRules.RequestBucket}{{{App},http_route=\"/orders\",le=\"{bound}\"}}", counted ? "0+10x20" : "0x20"));
        }

        return series;
    }
}
