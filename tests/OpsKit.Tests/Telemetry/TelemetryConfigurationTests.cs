using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsKit.Health;
using OpsKit.Telemetry;
using OpsKit.Telemetry.Internal;

namespace OpsKit.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryConfigurationTests
{
    [Theory]
    [InlineData("OpsKit:Telemetry:MetricsPath", "metrics", "OpsKit:Telemetry:MetricsPath must start with '/'.")]
    [InlineData("OpsKit:Telemetry:ServiceName", " ", "OpsKit:Telemetry:ServiceName must not be blank")]
    [InlineData("OpsKit:Telemetry:MetricPath", "/m", "OpsKit:Telemetry:MetricPath is not a known key.")]
    [InlineData("OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:1", "0.05", "OpsKit:Telemetry:HistogramBuckets:http.server.request.duration must be strictly increasing.")]
    [InlineData("OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:1", "fast", "OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:1 must be a number.")]
    public async Task Bad_telemetry_options_fail_start_up_naming_the_key(string key, string value, string expected)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:0"] = "0.1",
            [key] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TelemetryApp.StartAsync(_ => { }, configuration));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(key.Split(':')[2], StringComparison.Ordinal));
    }

    [Fact]
    public void Buckets_set_in_code_are_validated_too()
    {
        using var services = new ServiceCollection()
            .AddOpsTelemetry(o => o.HistogramBuckets["opskit.health.check.duration"] = [1, 1])
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpsTelemetryOptions>>().Value);

        Assert.Equal("OpsKit:Telemetry:HistogramBuckets:opskit.health.check.duration must be strictly increasing.", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Mapping_metrics_without_the_telemetry_services_names_the_missing_call()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(
            b => b.Services.AddOpsHealth(),
            map: app => app.MapOpsMetrics()));

        Assert.Contains("AddOpsTelemetry()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/ready", true)]
    [InlineData("/health/live", true)]
    [InlineData("/HEALTH/startup", true)]
    [InlineData("/health", true)]
    [InlineData("/ops/metrics", true)]
    [InlineData("/alive", true)]
    [InlineData("/metrics", false)]
    [InlineData("/orders", false)]
    [InlineData("/health/ready/extra", false)]
    public void Trace_filter_drops_probe_and_scrape_paths_only(string path, bool excluded)
    {
        var filter = new ProbeTrafficFilter(
            Options.Create(new OpsTelemetryOptions { MetricsPath = "/ops/metrics" }),
            Options.Create(new OpsHealthOptions { Paths = { Alive = "/alive" } }));

        Assert.Equal(excluded, filter.IsExcluded(new PathString(path)));
    }

    [Fact]
    public void Trace_filter_keeps_everything_when_probe_traffic_is_not_excluded()
    {
        var filter = new ProbeTrafficFilter(
            Options.Create(new OpsTelemetryOptions { ExcludeProbeTraffic = false }),
            Options.Create(new OpsHealthOptions()));

        Assert.False(filter.IsExcluded(new PathString("/health/ready")));
    }
}
