namespace OpsKit.Slo.Internal;

/// <summary>
/// Target presets, documented in docs/slo.md. <c>web-api</c>: p50 100 ms, p95 500 ms, p99 1 s, error rate warning 1 % /
/// critical 5 %, with a 5 s p95 as the critical latency level. <c>strict</c>: p95 200 ms warning / 500 ms critical,
/// error rate 5 % / 10 %. Neither sets availability: availability is uptime, which Prometheus measures from <c>up</c>.
/// </summary>
internal static class SloPresets
{
    public const string WebApi = "web-api";
    public const string Strict = "strict";

    public static readonly IReadOnlyDictionary<string, Preset> All = new Dictionary<string, Preset>(StringComparer.OrdinalIgnoreCase)
    {
        [WebApi] = new Preset(
            P50: (0.1, null),
            P95: (0.5, 5.0),
            P99: (1.0, null),
            ErrorRate: (0.01, 0.05)),
        [Strict] = new Preset(
            P50: (null, null),
            P95: (0.2, 0.5),
            P99: (null, null),
            ErrorRate: (0.05, 0.10)),
    };

    internal sealed record Preset(
        (double? Warning, double? Critical) P50,
        (double? Warning, double? Critical) P95,
        (double? Warning, double? Critical) P99,
        (double? Warning, double? Critical) ErrorRate);
}
