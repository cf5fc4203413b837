using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpsKit.Testing.Shared;
using Polly.Telemetry;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

public sealed class FailoverTests
{
    [Fact]
    public async Task With_every_endpoint_down_the_delay_list_gives_six_rounds_of_two_attempts()
    {
        const string pipeline = "s0t3-down";
        var counter = new AttemptCounter();
        var clock = new RetryClock();
        var recorder = new RetryDelayRecorder(pipeline);
        using var primary = new ClosedPort();
        using var secondary = new ClosedPort();
        using var services = Build(
            new Dictionary<string, string?>
            {
                [Key(pipeline, "Endpoints:0:Url")] = primary.Url.ToString(),
                [Key(pipeline, "Endpoints:1:Url")] = secondary.Url.ToString(),
                [Key(pipeline, "Retry:Delays:0")] = "00:00:00.050",
                [Key(pipeline, "Retry:Delays:1")] = "00:00:00.100",
                [Key(pipeline, "Retry:Delays:2")] = "00:00:00.200",
                [Key(pipeline, "Retry:Delays:3")] = "00:00:00.400",
                [Key(pipeline, "Retry:Delays:4")] = "00:00:00.800",
                [Key(pipeline, "CircuitBreaker:Enabled")] = "false",
            },
            pipeline,
            s => s.AddSingleton<TimeProvider>(clock).Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(recorder)),
            c => c.AddHttpMessageHandler(() => counter));
        using var retries = new PollyEvents(pipeline);
        using var client = services.Client(pipeline);

        var call = client.GetAsync("/status");
        await clock.DriveAsync(call, recorder);

        await Assert.ThrowsAsync<HttpRequestException>(() => call);
        Assert.Equal(12, counter.Total);
        Assert.Equal(5, retries.Retries);
        Assert.Equal([50, 100, 200, 400, 800], recorder.Delays.Select(d => d.TotalMilliseconds));
        Assert.Equal([0, 1, 2, 3, 4], recorder.Retries.Select(r => r.Attempt));
        // The clock moves only by each delay once its timer runs on it: the whole call took exactly the list on the pipeline's clock.
        Assert.Equal(TimeSpan.FromMilliseconds(1550), clock.Elapsed);
    }

    [Fact]
    public async Task A_closed_primary_fails_over_to_the_backup_and_counts_one_failover()
    {
        const string pipeline = "s0t3-backup";
        await using var backup = await StubServer.StartAsync();
        using var primary = new ClosedPort();
        using var services = Build(
            new Dictionary<string, string?>
            {
                [Key(pipeline, "Endpoints:0:Url")] = primary.Url.ToString(),
                [Key(pipeline, "Endpoints:1:Url")] = backup.Url.ToString(),
            },
            pipeline);
        using var failovers = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.resilience.failovers");
        using var client = services.Client(pipeline);

        using var response = await client.GetAsync("/status");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, backup.Hits("/status"));
        var failover = Assert.Single(failovers.GetMeasurementSnapshot());
        Assert.Equal(1, failover.Value);
        Assert.Equal(pipeline, failover.Tags["pipeline"]);
        Assert.Equal("primary", failover.Tags["endpoint"]);
    }

    [Fact]
    public async Task A_relative_request_keeps_each_endpoints_base_path_when_it_fails_over()
    {
        const string pipeline = "base-paths";
        await using var backup = await StubServer.StartAsync();
        using var primary = new ClosedPort();
        using var services = Build(
            new Dictionary<string, string?>
            {
                [Key(pipeline, "Endpoints:0:Url")] = new Uri(primary.Url, "maven2/").ToString(),
                [Key(pipeline, "Endpoints:1:Url")] = new Uri(backup.Url, "mirror/maven2/").ToString(),
            },
            pipeline);
        using var client = services.Client(pipeline);

        using var relative = await client.GetAsync(new Uri("org/x.jar?v=1", UriKind.Relative));
        using var rooted = await client.GetAsync(new Uri("/org/y.jar", UriKind.Relative));

        // The stub answers 404 for these paths; what matters is where the requests arrived.
        Assert.Equal(1, backup.Hits("/mirror/maven2/org/x.jar"));
        Assert.Equal(1, backup.Hits("/mirror/maven2/org/y.jar"));
    }

    [Fact]
    public async Task A_primary_with_an_open_circuit_costs_no_attempt()
    {
        const string pipeline = "open-primary";
        var counter = new AttemptCounter();
        using var primary = new ClosedPort();
        await using var backup = await StubServer.StartAsync();
        using var services = Build(
            new Dictionary<string, string?>
            {
                [Key(pipeline, "Endpoints:0:Url")] = primary.Url.ToString(),
                [Key(pipeline, "Endpoints:1:Url")] = backup.Url.ToString(),
                [Key(pipeline, "CircuitBreaker:FailureThreshold")] = "2",
            },
            pipeline,
            client: c => c.AddHttpMessageHandler(() => counter));
        using var client = services.Client(pipeline);

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/status");
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.Equal(2, counter.For(primary.Url));
        Assert.Equal(5, backup.Hits("/status"));
    }
}
