using OpsKit.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsKit.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class ScrapeTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["OpsKit:Health:Period"] = "00:00:00.200" };

    private static readonly Dictionary<string, string?> Slow = new() { ["OpsKit:Health:Period"] = "01:00:00" };

    [Fact]
    public async Task Metrics_endpoint_passes_promtool_check_metrics()
    {
        await using var app = await TelemetryApp.StartAsync(
            h => h.AddCheck("db", _ => Task.FromResult(HealthCheckResult.Healthy()))
                .AddCheck("cache", _ => Task.FromResult(HealthCheckResult.Degraded("slow")), critical: false)
                .AddCheck("queue", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), critical: false),
            Fast);
        await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_status", ("check", "queue")) is not null, TimeSpan.FromSeconds(5), "the first check results");
        for (var i = 0; i < 3; i++)
        {
            await app.Client.GetStringAsync("/work");
            await app.Client.GetAsync("/health/ready");
            await app.Client.GetAsync("/nowhere");
        }

        await WorkRequestsCountedAsync(app, 3);
        var exposition = await app.ScrapeTextAsync();
        var (exitCode, output) = await Promtool.CheckMetricsAsync(exposition);

        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}");
        var metrics = PrometheusText.Parse(exposition);
        Assert.Equal("gauge", metrics.Types["opskit_health_check_status"]);
        Assert.Equal("histogram", metrics.Types["http_server_request_duration_seconds"]);
    }

    [Fact]
    public async Task Scrape_is_served_in_the_classic_text_format()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });

        using var response = await app.Client.GetAsync("/metrics");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType?.Parameters ?? [], p => p.Name == "version" && p.Value == "0.0.4");
    }

    [Fact]
    public async Task Check_status_gauge_follows_the_check_when_it_flips()
    {
        var check = new ControlledCheck();
        await using var app = await TelemetryApp.StartAsync(h => h.AddCheck("x", check.RunAsync), Fast);
        await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_status", ("check", "x")) == 2, TimeSpan.FromSeconds(5), "x reported Healthy (2)");

        check.Result = HealthCheckResult.Unhealthy("down");
        await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_status", ("check", "x")) == 0, TimeSpan.FromSeconds(5), "x reported Unhealthy (0)");
        check.Result = HealthCheckResult.Degraded("slow");
        var metrics = await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_status", ("check", "x")) == 1, TimeSpan.FromSeconds(5), "x reported Degraded (1)");

        Assert.Equal(1, metrics.Value("opskit_health_status"));
    }

    [Fact]
    public async Task Scrapes_read_the_snapshot_and_never_run_a_check()
    {
        var check = new ControlledCheck();
        await using var app = await TelemetryApp.StartAsync(h => h.AddCheck("x", check.RunAsync), Slow);
        var first = await Eventually.Until(() => app.ScrapeAsync(), m => m.Value("opskit_health_check_executions_total", ("check", "x"), ("status", "healthy")) == 1, TimeSpan.FromSeconds(5), "the start-up run is counted");
        var runs = check.Runs;

        await Task.Delay(TimeSpan.FromMilliseconds(100));
        var second = await app.ScrapeAsync();

        Assert.Equal(runs, check.Runs);
        Assert.Equal(
            first.Value("opskit_health_check_executions_total", ("check", "x"), ("status", "healthy")),
            second.Value("opskit_health_check_executions_total", ("check", "x"), ("status", "healthy")));
    }

    [Fact]
    public async Task Probe_and_scrape_requests_are_left_out_of_the_http_server_metrics()
    {
        await using var app = await TelemetryApp.StartAsync(h => h.AddCheck("x", _ => Task.FromResult(HealthCheckResult.Healthy())), Fast);
        await app.Client.GetStringAsync("/work");
        var before = await WorkRequestsCountedAsync(app, 1);

        for (var i = 0; i < 20; i++)
        {
            await app.Client.GetAsync("/health/ready");
            await app.Client.GetAsync("/health/live");
        }

        for (var i = 0; i < 3; i++)
        {
            await app.Client.GetStringAsync("/work");
        }

        var after = await WorkRequestsCountedAsync(app, 4);
        Assert.Equal(RequestCount(before, "/work") + 3, RequestCount(after, "/work"));
        Assert.Equal(RequestCount(before, "/health/ready"), RequestCount(after, "/health/ready"));
        Assert.Equal(0, RequestCount(after, "/health/ready") + RequestCount(after, "/health/live") + RequestCount(after, "/metrics"));
    }

    [Fact]
    public async Task Request_duration_histogram_has_the_semantic_convention_buckets()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { });
        await app.Client.GetStringAsync("/work");

        var metrics = await WorkRequestsCountedAsync(app, 1);

        Assert.Equal(
            ["0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1", "2.5", "5", "7.5", "10", "+Inf"],
            BucketBounds(metrics, "http_server_request_duration_seconds_bucket", ("http_route", "/work")));
    }

    [Fact]
    public async Task Histogram_buckets_come_from_configuration()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:0"] = "0.05",
            ["OpsKit:Telemetry:HistogramBuckets:http.server.request.duration:1"] = "0.2",
        });
        await app.Client.GetStringAsync("/work");

        var metrics = await WorkRequestsCountedAsync(app, 1);

        Assert.Equal(["0.05", "0.2", "+Inf"], BucketBounds(metrics, "http_server_request_duration_seconds_bucket", ("http_route", "/work")));
    }

    [Fact]
    public async Task Target_info_carries_the_configured_service_name()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { }, new Dictionary<string, string?> { ["OpsKit:Telemetry:ServiceName"] = "orders-api" });

        var metrics = await app.ScrapeAsync();

        var target = Assert.Single(metrics.Named("target_info"));
        Assert.Equal("orders-api", target.Labels["service_name"]);
        Assert.True(Guid.TryParse(target.Labels["service_instance_id"], out _));
    }

    [Fact]
    public async Task Metrics_path_comes_from_configuration()
    {
        await using var app = await TelemetryApp.StartAsync(_ => { }, new Dictionary<string, string?> { ["OpsKit:Telemetry:MetricsPath"] = "/internal/metrics" });

        using var moved = await app.Client.GetAsync("/internal/metrics");
        using var old = await app.Client.GetAsync("/metrics");

        Assert.Equal(200, (int)moved.StatusCode);
        Assert.Contains("opskit_health_status", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (int)old.StatusCode);
    }

    /// <summary>
    /// Scrapes until the request-duration histogram has counted <paramref name="count"/> requests to <c>/work</c>:
    /// ASP.NET Core records a request when it ends, after the response has reached the client, so the scrape right
    /// after a request may not show it yet.
    /// </summary>
    private static Task<PrometheusText> WorkRequestsCountedAsync(TestApp app, int count) =>
        Eventually.Until(() => app.ScrapeAsync(), m => RequestCount(m, "/work") == count, TimeSpan.FromSeconds(5), $"{count} /work request(s) are counted");

    private static double RequestCount(PrometheusText metrics, string route) =>
        metrics.Named("http_server_request_duration_seconds_count").Where(s => s.Has("http_route", route)).Sum(s => s.Value);

    private static List<string> BucketBounds(PrometheusText metrics, string name, (string Label, string Value) filter) =>
        metrics.Named(name).Where(s => s.Has(filter.Label, filter.Value)).Select(s => s.Labels["le"]).ToList();
}
