using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsKit.Resilience;
using OpsKit.Testing;
using OpsKit.Testing.Shared;
using Polly.Telemetry;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>S0-T3 retry schedule and backup endpoints, through the sample's GET /api/quotes/{id} and its gateway client.</summary>
public sealed class S0T3RetryAndFailoverTests
{
    [Fact]
    public async Task S0_T3_closed_primary_fails_over_to_the_backup_and_counts_one_failover()
    {
        using var root = new TempRoot();
        await using var backup = await GatewayStub.StartAsync();
        using var closed = new ClosedPort();
        var settings = Settings(backup, root.Path);
        settings[Pipeline("Endpoints:0:Url")] = closed.Url.ToString();
        settings[Pipeline("Endpoints:1:Url")] = backup.Address.ToString();
        await using var host = await StartAsync(settings);

        var (status, quote) = await host.GetJsonAsync("/api/quotes/7");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, quote.GetProperty("id").GetInt32());
        Assert.Equal(1, backup.QuoteRequests);
        var metrics = await host.ScrapeAsync();
        Assert.Equal(1, SampleHost.MetricValue(metrics, "opskit_resilience_failovers_total", "pipeline=\"gateway\"", "endpoint=\"primary\""));
    }

    [Fact]
    public async Task S0_T3_with_both_endpoints_closed_six_rounds_of_two_attempts_take_the_delay_list_and_fail_the_caller()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        using var primary = new ClosedPort();
        using var backup = new ClosedPort();
        var settings = Settings(gateway, root.Path);
        settings[Pipeline("Endpoints:0:Url")] = primary.Url.ToString();
        settings[Pipeline("Endpoints:1:Url")] = backup.Url.ToString();
        settings[Pipeline("Retry:Delays:0")] = "00:00:00.050";
        settings[Pipeline("Retry:Delays:1")] = "00:00:00.100";
        settings[Pipeline("Retry:Delays:2")] = "00:00:00.200";
        settings[Pipeline("Retry:Delays:3")] = "00:00:00.400";
        settings[Pipeline("Retry:Delays:4")] = "00:00:00.800";
        // Every attempt must reach its endpoint: an open breaker would skip the dead ones.
        settings[Pipeline("CircuitBreaker:Enabled")] = "false";
        var clock = new RetryClock();
        var recorder = new RetryDelayRecorder(HttpGatewayApp.Gateway);
        await using var host = await StartAsync(settings, b => b.Services
            .AddSingleton<TimeProvider>(clock)
            .Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(recorder)));

        var call = host.GetJsonAsync("/api/quotes/8");
        await clock.DriveAsync(call, recorder);

        var (status, _) = await call;
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal([50, 100, 200, 400, 800], recorder.Delays.Select(d => d.TotalMilliseconds));
        Assert.Equal([0, 1, 2, 3, 4], recorder.Retries.Select(r => r.Attempt));
        // The clock moves only by a delay once its timer runs on it, so the call took exactly the list on the gateway's clock.
        Assert.Equal(TimeSpan.FromMilliseconds(1550), clock.Elapsed);
        var metrics = await host.ScrapeAsync();
        // One failover (primary → backup) per round: 6 rounds of 2 endpoint attempts.
        Assert.Equal(6, SampleHost.MetricValue(metrics, "opskit_resilience_failovers_total", "pipeline=\"gateway\"", "endpoint=\"primary\""));
        Assert.Equal(5, SampleHost.MetricValue(metrics, "resilience_polly_strategy_events_total", "event_name=\"OnRetry\"", "pipeline_name=\"gateway\""));
    }

    [Fact]
    public async Task S0_T3_default_delay_list_is_the_seeds_and_the_sample_configures_it()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        await using var host = await StartAsync(Settings(gateway, root.Path));
        TimeSpan[] seed = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

        var configured = host.Services.GetRequiredService<IOptionsMonitor<OpsResiliencePipelineOptions>>().Get(HttpGatewayApp.Gateway);

        Assert.Equal(seed, OpsRetryOptions.DefaultDelays);
        Assert.Equal(seed, configured.Retry.Delays);
        Assert.Equal(["primary", "backup"], configured.Endpoints.Select(e => e.Name));
    }
}
