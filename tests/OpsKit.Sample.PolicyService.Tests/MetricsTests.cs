using System.Net;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>S3-T5 "Prometheus not collecting metrics", scraped from the running sample.</summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class MetricsTests(PolicyDatabaseFixture database)
{
    [Fact]
    public async Task S3_T5_metrics_endpoint_serves_prometheus_text_with_check_status_and_request_durations()
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));

        // ASP.NET Core records a request's duration after its response has completed, so the client can scrape first: poll.
        // Polled for the postgres check too: one round trip over its 200 ms Degraded latency on a busy machine reads 1.
        var (status, mediaType, text) = await Eventually.Until(
            ScrapeWithHeadersAsync,
            r => SampleHost.MetricValue(r.Text, "http_server_request_duration_seconds_count", "http_route=\"/policies/evaluate\"") >= 1
                && SampleHost.MetricValue(r.Text, "opskit_health_check_status", "check=\"postgres\"") == 2,
            TimeSpan.FromSeconds(10),
            "the evaluation's request duration is recorded and the postgres check is Healthy");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", mediaType);
        Assert.Equal(2, SampleHost.MetricValue(text, "opskit_health_check_status", "check=\"postgres\""));
        Assert.Equal(1, SampleHost.MetricValue(text, "http_server_request_duration_seconds_count", "http_route=\"/policies/evaluate\""));
        Assert.NotNull(SampleHost.MetricValue(text, "http_server_request_duration_seconds_bucket", "http_route=\"/policies/evaluate\"", "le=\"0.1\""));

        // With Npgsql's pool gauges in it (the app's data source is open), the whole scrape passes Prometheus' linter.
        Assert.NotNull(SampleHost.MetricValue(text, "db_client_connections_usage"));
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}");

        async Task<(HttpStatusCode Status, string? MediaType, string Text)> ScrapeWithHeadersAsync()
        {
            using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task S3_T5_twenty_readiness_probes_do_not_change_the_http_server_request_count()
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));
        // The duration is recorded after the response has completed: wait until the scrape shows it.
        var before = await ScrapeUntilRequestCountAsync(host, 1);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
        }

        // A second evaluation after the probes marks a fresh scrape: the exporter answers a scrape within 300 ms of the
        // previous one from its cache, which would hide counted probes. The probes were answered one after another before
        // the evaluation was sent, so a scrape that counts the evaluation would count them too.
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));
        var after = await ScrapeUntilRequestCountAsync(host, 2);
        Assert.Null(SampleHost.MetricValue(after, "http_server_request_duration_seconds_count", "http_route=\"/health/ready\""));
        Assert.Equal(1, SampleHost.MetricSum(before, "http_server_request_duration_seconds_count"));
        Assert.Equal(2, SampleHost.MetricSum(after, "http_server_request_duration_seconds_count"));
    }

    /// <summary>Scrapes until the evaluation route's request count reaches <paramref name="count"/>.</summary>
    private static Task<string> ScrapeUntilRequestCountAsync(SampleHost host, int count) => Eventually.Until(
        host.ScrapeAsync,
        m => SampleHost.MetricSum(m, "http_server_request_duration_seconds_count", "http_route=\"/policies/evaluate\"") >= count,
        TimeSpan.FromSeconds(5),
        $"{count} evaluation(s) counted");

    [Fact]
    public async Task S3_T5_two_scrapes_100_ms_apart_do_not_run_any_check()
    {
        // A long period: the only runs are the start-up ones, so any further execution would be the scrape's doing.
        await using var host = await PolicyHost.StartAsync(database, new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:01:00" });
        var first = await Eventually.Until(
            () => host.ScrapeAsync(),
            m => SampleHost.MetricSum(m, "opskit_health_check_executions_total") >= 5,
            TimeSpan.FromSeconds(10),
            "the five start-up runs are counted");

        // The exporter answers a scrape within 300 ms of the previous one from its cache, which would hide a run that a
        // scrape triggered. An evaluation between the scrapes marks the second one as freshly collected.
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // The scenario's interval between two scrapes, not a wait for something.
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));
        var second = await ScrapeUntilRequestCountAsync(host, 1);

        Assert.Null(SampleHost.MetricValue(first, "http_server_request_duration_seconds_count", "http_route=\"/policies/evaluate\""));
        Assert.Equal(5, SampleHost.MetricSum(first, "opskit_health_check_executions_total"));
        Assert.Equal(5, SampleHost.MetricSum(second, "opskit_health_check_executions_total"));
    }
}
