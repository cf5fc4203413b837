using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Testing.Shared;
using Polly;
using Polly.Registry;
using Polly.Telemetry;

namespace OpsKit.Tests.Resilience;

/// <summary>Each retry's delay as Polly reports it and as it elapses on the pipeline's clock, attempt by attempt.</summary>
public sealed class RetryScheduleTests
{
    private static readonly TimeSpan[] Seed =
    [
        TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
    ];

    [Fact]
    public async Task The_default_list_waits_each_seed_delay_in_order_before_its_retry()
    {
        var (delays, attempts, elapsed) = await RunAsync(new Dictionary<string, string?>());

        Assert.Equal(Seed, delays.Select(r => r.Delay));
        Assert.Equal([0, 1, 2, 3, 4], delays.Select(r => r.Attempt));
        Assert.Equal(6, attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(46_200), elapsed);
    }

    [Fact]
    public async Task A_configured_list_is_waited_exactly_even_with_jitter_switched_on()
    {
        var (delays, attempts, elapsed) = await RunAsync(new Dictionary<string, string?>
        {
            ["Retry:Delays:0"] = "00:00:00.030",
            ["Retry:Delays:1"] = "00:00:00.070",
            ["Retry:Delays:2"] = "00:00:00.110",
            ["Retry:UseJitter"] = "true",
        });

        Assert.Equal([TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(70), TimeSpan.FromMilliseconds(110)], delays.Select(r => r.Delay));
        Assert.Equal(4, attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(210), elapsed);
    }

    [Fact]
    public async Task More_retries_than_delays_repeat_the_last_delay()
    {
        var (delays, attempts, _) = await RunAsync(new Dictionary<string, string?>
        {
            ["Retry:Delays:0"] = "00:00:00.030",
            ["Retry:Delays:1"] = "00:00:00.070",
            ["Retry:MaxRetryAttempts"] = "4",
        });

        Assert.Equal([30, 70, 70, 70], delays.Select(r => r.Delay.TotalMilliseconds));
        Assert.Equal(5, attempts);
    }

    [Fact]
    public async Task Exponential_backoff_without_jitter_doubles_the_base_delay_up_to_the_cap()
    {
        var (delays, _, elapsed) = await RunAsync(new Dictionary<string, string?>
        {
            ["Retry:Backoff"] = "Exponential",
            ["Retry:BaseDelay"] = "00:00:00.100",
            ["Retry:MaxDelay"] = "00:00:00.500",
            ["Retry:UseJitter"] = "false",
            ["Retry:MaxRetryAttempts"] = "4",
        });

        Assert.Equal([100, 200, 400, 500], delays.Select(r => r.Delay.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), elapsed);
    }

    [Fact]
    public async Task Constant_backoff_with_jitter_keeps_every_delay_within_a_quarter_of_the_base_delay()
    {
        var (delays, attempts, elapsed) = await RunAsync(new Dictionary<string, string?>
        {
            ["Retry:Backoff"] = "Constant",
            ["Retry:BaseDelay"] = "00:00:01",
            ["Retry:UseJitter"] = "true",
            ["Retry:MaxRetryAttempts"] = "8",
        });

        // Polly documents jitter on constant and linear backoff as a uniform offset of at most ±25 % of the delay.
        Assert.Equal(8, delays.Count);
        Assert.All(delays, r => Assert.InRange(r.Delay, TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1250)));
        Assert.True(delays.Select(r => r.Delay).Distinct().Count() > 1, $"jitter produced one delay: {delays[0].Delay}");
        Assert.Equal(9, attempts);
        Assert.Equal(delays.Aggregate(TimeSpan.Zero, (sum, r) => sum + RetryClock.TimerDue(r.Delay)), elapsed);
    }

    [Fact]
    public async Task Constant_backoff_without_jitter_waits_the_base_delay_every_time()
    {
        var (delays, _, _) = await RunAsync(new Dictionary<string, string?>
        {
            ["Retry:Backoff"] = "Constant",
            ["Retry:BaseDelay"] = "00:00:01",
            ["Retry:UseJitter"] = "false",
        });

        Assert.Equal([1000, 1000, 1000], delays.Select(r => r.Delay.TotalMilliseconds));
    }

    private static async Task<(IReadOnlyList<(int Attempt, TimeSpan Delay)> Delays, int Attempts, TimeSpan Elapsed)> RunAsync(
        Dictionary<string, string?> retry)
    {
        const string pipeline = "schedule";
        var settings = retry.ToDictionary(p => ResilienceTestHost.Key(pipeline, p.Key), p => p.Value);
        settings[ResilienceTestHost.Key(pipeline, "CircuitBreaker:Enabled")] = "false";
        var clock = new RetryClock();
        var recorder = new RetryDelayRecorder(pipeline);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(recorder));
        services.AddOpsResilience();
        await using var provider = services.BuildServiceProvider();
        var attempts = 0;

        var call = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(pipeline).ExecuteAsync(_ =>
        {
            Interlocked.Increment(ref attempts);
            return ValueTask.FromException(new InvalidOperationException("always fails"));
        }).AsTask();
        await clock.DriveAsync(call, recorder);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        return (recorder.Retries, attempts, clock.Elapsed);
    }
}
