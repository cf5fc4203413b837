using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using OpsKit.Resilience;
using Polly.Registry;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

public sealed class PipelineConfigurationTests
{
    [Fact]
    public void Options_defaults_follow_the_seeds()
    {
        var options = new OpsResiliencePipelineOptions();

        Assert.Equal(
            [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)],
            OpsRetryOptions.DefaultDelays);
        Assert.Empty(options.Retry.Delays);
        Assert.Equal("List", options.Retry.Backoff);
        Assert.False(options.Retry.RetryNonIdempotent);
        Assert.Equal(3, options.CircuitBreaker.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CircuitBreaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Connection.PooledConnectionLifetime);
        Assert.False(options.Critical);
        Assert.False(options.Chaos.Enabled);
    }

    [Theory]
    [InlineData("Retry:Delays:0", "-00:00:01", "OpsKit:Resilience:Pipelines:gateway:Retry:Delays:0 must be between")]
    [InlineData("Hedging:MaxHedgedAttempts", "2", "OpsKit:Resilience:Pipelines:gateway:Hedging is not a known key.")]
    [InlineData("Retry:Delay", "00:00:01", "OpsKit:Resilience:Pipelines:gateway:Retry:Delay is not a known key. Did you mean OpsKit:Resilience:Pipelines:gateway:Retry:Delays?")]
    [InlineData("CircuitBreaker:BreakDurations", "00:00:30", "OpsKit:Resilience:Pipelines:gateway:CircuitBreaker:BreakDurations is not a known key. Did you mean OpsKit:Resilience:Pipelines:gateway:CircuitBreaker:BreakDuration?")]
    [InlineData("Connection:PooledConnectionLifetme", "00:02:00", "OpsKit:Resilience:Pipelines:gateway:Connection:PooledConnectionLifetme is not a known key. Did you mean OpsKit:Resilience:Pipelines:gateway:Connection:PooledConnectionLifetime?")]
    [InlineData("Chaos:Enable", "true", "OpsKit:Resilience:Pipelines:gateway:Chaos:Enable is not a known key. Did you mean OpsKit:Resilience:Pipelines:gateway:Chaos:Enabled?")]
    [InlineData("Endpoints:0:Uri", "http://127.0.0.1:1/", "OpsKit:Resilience:Pipelines:gateway:Endpoints:0:Uri is not a known key. Did you mean OpsKit:Resilience:Pipelines:gateway:Endpoints:0:Url?")]
    [InlineData("Retry:Backoff", "Fibonacci", "OpsKit:Resilience:Pipelines:gateway:Retry:Backoff 'Fibonacci' is not a known backoff")]
    [InlineData("CircuitBreaker:FailureThreshold", "1", "OpsKit:Resilience:Pipelines:gateway:CircuitBreaker:FailureThreshold must be at least 2")]
    [InlineData("AttemptTimeout", "00:05:00", "OpsKit:Resilience:Pipelines:gateway:AttemptTimeout must not exceed")]
    [InlineData("Endpoints:0:Url", "gateway.internal", "OpsKit:Resilience:Pipelines:gateway:Endpoints:0:Url is required")]
    public async Task Invalid_configuration_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddHttpClient("gateway").AddOpsResilience("gateway"),
            new Dictionary<string, string?> { [Key("gateway", key)] = value },
            map: _ => { }));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)] // "Endpoints": [] in appsettings.json
    [InlineData("")] // OpsKit__Resilience__Pipelines__gateway__Endpoints= in the environment
    public async Task An_empty_endpoint_list_fails_start_up_naming_the_key(string? value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddHttpClient("gateway").AddOpsResilience("gateway", o => o.Endpoints.Add(new OpsResilienceEndpointOptions { Url = new Uri("http://127.0.0.1:1/") })),
            new Dictionary<string, string?> { [Key("gateway", "Endpoints")] = value },
            map: _ => { }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Resilience:Pipelines:gateway:Endpoints is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_health_engine_pipeline_errors_are_reported_once_with_the_engines_own()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b =>
            {
                b.Services.AddOpsHealth();
                b.Services.AddHttpClient("gateway").AddOpsResilience("gateway");
            },
            new Dictionary<string, string?>
            {
                [Key("gateway", "Retry:Delays:0")] = "-00:00:01",
                ["OpsKit:Health:Timeout"] = "00:00:00",
            }));

        Assert.Single(error.Failures, f => f.StartsWith("OpsKit:Resilience:Pipelines:gateway:Retry:Delays:0", StringComparison.Ordinal));
        Assert.Contains("OpsKit:Health:Timeout must be greater than zero.", error.Failures);
    }

    [Fact]
    public async Task A_pipeline_declared_only_in_configuration_is_served_by_pollys_provider()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            [Key("orders-db", "Retry:Delays:0")] = "00:00:00",
            [Key("orders-db", "Retry:Delays:1")] = "00:00:00",
        });
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("orders-db");
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new InvalidOperationException("down");
        }));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_reload_with_bad_values_keeps_the_last_good_pipeline_and_logs_why()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            [Key("orders-db", "Retry:Delays:0")] = "00:00:00",
            [Key("orders-db", "Retry:Delays:1")] = "00:00:00",
        });
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("orders-db");
        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();

        configuration[Key("orders-db", "Retry:Delays:1")] = "-00:00:01";
        configuration.Reload();

        Assert.Equal(3, await CountCallsAsync(pipeline));
        var warning = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("last good settings", StringComparison.Ordinal));
        Assert.Contains("OpsKit:Resilience:Pipelines:orders-db:Retry:Delays:1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_with_good_values_rebuilds_the_pipeline()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            [Key("orders-db", "Retry:Delays:0")] = "00:00:00",
            [Key("orders-db", "Retry:Delays:1")] = "00:00:00",
        });
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("orders-db");
        Assert.Equal(3, await CountCallsAsync(pipeline));
        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();

        configuration[Key("orders-db", "Retry:MaxRetryAttempts")] = "1";
        configuration.Reload();

        Assert.Equal(2, await CountCallsAsync(pipeline));
    }

    [Fact]
    public async Task Chaos_is_refused_in_production()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(
            b => b.Services.AddHttpClient("gateway").AddOpsResilience("gateway"),
            new Dictionary<string, string?> { [Key("gateway", "Chaos:Enabled")] = "true" },
            map: _ => { }));

        Assert.Contains(error.Failures, f => f.StartsWith("OpsKit:Resilience:Pipelines:gateway:Chaos:Enabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chaos_injects_outcomes_outside_production()
    {
        await using var upstream = await StubServer.StartAsync();
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddHttpClient("chaos").AddOpsResilience("chaos"),
            new Dictionary<string, string?>
            {
                [Key("chaos", "Endpoints:0:Url")] = upstream.Url.ToString(),
                [Key("chaos", "Retry:Enabled")] = "false",
                [Key("chaos", "Chaos:Enabled")] = "true",
                [Key("chaos", "Chaos:OutcomeRate")] = "1",
                [Key("chaos", "Chaos:StatusCode")] = "502",
            },
            environment: "Development",
            map: _ => { });
        using var client = app.Services.Client("chaos");

        using var response = await client.GetAsync("/status");

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal(0, upstream.Hits("/status"));
    }

    private static async Task<int> CountCallsAsync(Polly.ResiliencePipeline pipeline)
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new InvalidOperationException("down");
        }));
        return calls;
    }
}
