using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Testing.Shared;
using Polly.Telemetry;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

/// <summary>
/// A loopback upstream answers 429 or 503 with <c>Retry-After</c>; the waits are read on the pipeline's fake clock, which
/// moves only by the delays Polly reports.
/// </summary>
public sealed class RetryAfterTests
{
    [Fact]
    public async Task A_503_with_Retry_After_of_one_second_waits_one_second_instead_of_the_delay_list()
    {
        var run = await RunAsync("retry-after-delta", 503, _ => "1");

        Assert.Equal(200, run.Status);
        Assert.Equal([TimeSpan.FromSeconds(1)], run.Delays);
        Assert.Equal(2, run.Hits);
        Assert.Equal(TimeSpan.FromSeconds(1), run.Elapsed);
    }

    [Fact]
    public async Task A_429_with_an_HTTP_date_waits_until_that_date()
    {
        var run = await RunAsync(
            "retry-after-date",
            429,
            clock => (clock.GetUtcNow() + TimeSpan.FromSeconds(3)).ToString("R", CultureInfo.InvariantCulture));

        Assert.Equal(200, run.Status);
        Assert.Equal([TimeSpan.FromSeconds(3)], run.Delays);
        Assert.Equal(TimeSpan.FromSeconds(3), run.Elapsed);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_maximum_delay_waits_only_the_maximum_delay()
    {
        var run = await RunAsync("retry-after-capped", 503, _ => "120", ("Retry:MaxDelay", "00:00:02"));

        Assert.Equal(200, run.Status);
        Assert.Equal([TimeSpan.FromSeconds(2)], run.Delays);
        Assert.Equal(TimeSpan.FromSeconds(2), run.Elapsed);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_remaining_total_timeout_returns_the_response_at_once()
    {
        var run = await RunAsync("retry-after-late", 503, _ => "30", ("Timeout", "00:00:10"), ("AttemptTimeout", "00:00:05"));

        Assert.Equal(503, run.Status);
        Assert.Equal("30", run.RetryAfter);
        Assert.Empty(run.Delays);
        Assert.Equal(1, run.Hits);
        Assert.Equal(TimeSpan.Zero, run.Elapsed);
    }

    [Fact]
    public async Task A_500_with_Retry_After_keeps_the_delay_list()
    {
        var run = await RunAsync("retry-after-500", 500, _ => "7");

        Assert.Equal(200, run.Status);
        Assert.Equal([TimeSpan.FromMilliseconds(10)], run.Delays);
    }

    private static async Task<(int Status, string? RetryAfter, IReadOnlyList<TimeSpan> Delays, int Hits, TimeSpan Elapsed)> RunAsync(
        string pipeline,
        int status,
        Func<TimeProvider, string> retryAfter,
        params (string Key, string Value)[] settings)
    {
        var clock = new RetryClock();
        var recorder = new RetryDelayRecorder(pipeline);
        await using var stub = await StubServer.StartAsync();
        stub.Status = status;
        stub.FailuresLeft = 1;
        stub.RetryAfter = () => retryAfter(clock);
        var config = new Dictionary<string, string?>
        {
            [Key(pipeline, "Endpoints:0:Url")] = stub.Url.ToString(),
            [Key(pipeline, "Retry:Delays:0")] = "00:00:00.010",
            [Key(pipeline, "Retry:Delays:1")] = "00:00:00.010",
            [Key(pipeline, "CircuitBreaker:Enabled")] = "false",
        };
        foreach (var (key, value) in settings)
        {
            config[Key(pipeline, key)] = value;
        }

        using var services = Build(
            config,
            pipeline,
            s => s.AddSingleton<TimeProvider>(clock).Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(recorder)));
        using var client = services.Client(pipeline);

        var call = client.GetAsync("/flaky");
        await clock.DriveAsync(call, recorder);

        using var response = await call;
        return (
            (int)response.StatusCode,
            response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null,
            recorder.Delays,
            stub.Hits("/flaky"),
            clock.Elapsed);
    }
}
