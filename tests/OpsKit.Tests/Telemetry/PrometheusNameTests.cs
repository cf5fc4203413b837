using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Caching.Internal;
using OpsKit.Health;
using OpsKit.Hosting;

namespace OpsKit.Tests.Telemetry;

/// <summary>The Prometheus names operators script against (docs/metrics.md), as the exporter renders them.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrometheusNameTests
{
    [Fact]
    public async Task Engine_instruments_render_with_the_design_names_and_types()
    {
        using var hung = new HangingCheck();
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("db", _ => Task.FromResult(HealthCheckResult.Healthy())).AddCheck("hung", hung.AwaitIgnoringToken, critical: false),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00.300", ["OpsKit:Health:Timeout"] = "00:00:00.200" });

        var metrics = await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_abandoned_total", ("check", "hung")) >= 1, TimeSpan.FromSeconds(5), "an abandoned run");

        // The exporter listens to every meter named "OpsKit" in the process, so instruments of hosts that other test
        // classes run at the same time may appear too: assert the engine's own, by name and type.
        KeyValuePair<string, string>[] engine =
        [
            new("opskit_health_check_abandoned_total", "counter"),
            new("opskit_health_check_duration_seconds", "histogram"),
            new("opskit_health_check_executions_total", "counter"),
            new("opskit_health_check_status", "gauge"),
            new("opskit_health_status", "gauge"),
            new("opskit_maintenance", "gauge"),
        ];
        Assert.All(engine, expected => Assert.Contains(expected, metrics.Types));
        Assert.Equal(["check", "otel_scope_name", "otel_scope_version", "status"], metrics.Named("opskit_health_check_executions_total").First().Labels.Keys.Order());
        Assert.Equal(["check", "le", "otel_scope_name", "otel_scope_version"], metrics.Named("opskit_health_check_duration_seconds_bucket").First().Labels.Keys.Order());
    }

    /// <summary>
    /// Pins the unit convention other capabilities follow: seconds are <c>s</c>, fractions are UCUM's <c>1</c> (no
    /// suffix), counts and states have no unit (or a <c>{annotation}</c>), and bytes are <c>By</c> (<c>_bytes</c>).
    /// </summary>
    [Theory]
    [InlineData("opskit.disk.utilization", InstrumentUnits.Ratio, "opskit_disk_utilization")]
    [InlineData("opskit.memory.utilization", InstrumentUnits.Ratio, "opskit_memory_utilization")]
    [InlineData("opskit.postgres.connections.utilization", InstrumentUnits.Ratio, "opskit_postgres_connections_utilization")]
    [InlineData("opskit.postgres.pool.utilization", InstrumentUnits.Ratio, "opskit_postgres_pool_utilization")]
    [InlineData("opskit.redis.memory.utilization", InstrumentUnits.Ratio, "opskit_redis_memory_utilization")]
    [InlineData("opskit.certificate.expiry", "s", "opskit_certificate_expiry_seconds")]
    [InlineData("opskit.slo.state", null, "opskit_slo_state")]
    [InlineData("opskit.cache.entries", "{entry}", "opskit_cache_entries")]
    [InlineData("opskit.cache.memory.usage", CacheMetrics.SizeUnit, "opskit_cache_memory_usage")]
    [InlineData("opskit.cache.disk.usage", InstrumentUnits.Bytes, "opskit_cache_disk_usage_bytes")]
    public async Task Gauge_units_map_to_prometheus_suffixes(string instrument, string? unit, string expected)
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        var meter = app.Services.GetRequiredService<OpsKitMeter>().Meter;
        meter.CreateObservableGauge(instrument, () => new Measurement<double>(0.5, new KeyValuePair<string, object?>("x", "y")), unit);

        var metrics = await app.ScrapeAsync();

        Assert.True(metrics.Types.ContainsKey(expected), "rendered: " + string.Join(", ", metrics.Types.Keys.Where(k => k.StartsWith("opskit_", StringComparison.Ordinal))));
        Assert.Equal(0.5, metrics.Value(expected, ("x", "y")));
        Assert.Equal("gauge", metrics.Types[expected]);
    }

    [Theory]
    [InlineData("opskit.lock.held", "s", "opskit_lock_held_seconds")]
    public async Task Histogram_in_seconds_gets_the_seconds_suffix(string instrument, string unit, string expected)
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        app.Services.GetRequiredService<OpsKitMeter>().Meter.CreateHistogram<double>(instrument, unit).Record(0.3);

        var metrics = await app.ScrapeAsync();

        Assert.Equal("histogram", metrics.Types[expected]);
        Assert.Equal(1, metrics.Value(expected + "_count"));
    }

    [Theory]
    [InlineData("opskit.cache.requests", "opskit_cache_requests_total")]
    [InlineData("opskit.postgres.pool.exhausted", "opskit_postgres_pool_exhausted_total")]
    public async Task Unit_less_counters_get_the_total_suffix(string instrument, string expected)
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        app.Services.GetRequiredService<OpsKitMeter>().Meter.CreateCounter<long>(instrument).Add(3);

        var metrics = await app.ScrapeAsync();

        Assert.Equal("counter", metrics.Types[expected]);
        Assert.Equal(3, metrics.Value(expected));
    }
}
