using Polly.Timeout;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

public sealed class StreamingTests
{
    [Fact]
    public async Task The_attempt_timeout_applies_until_the_body_starts()
    {
        await using var stub = await StubServer.StartAsync();
        using var services = Build(Config("attempt-timeout", stub), "attempt-timeout");
        using var client = services.Client("attempt-timeout");

        await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => client.GetAsync("/stream?headerDelayMs=3000&chunks=1", HttpCompletionOption.ResponseHeadersRead));
    }

    [Fact]
    public async Task An_endpoint_override_allows_a_slow_long_transfer()
    {
        await using var stub = await StubServer.StartAsync();
        var config = Config("long-transfer", stub);
        config[Key("long-transfer", "Endpoints:0:AttemptTimeout")] = "00:00:10";
        using var services = Build(config, "long-transfer");
        using var client = services.Client("long-transfer");

        // Headers after 1 s (beyond the pipeline's 500 ms attempt timeout), then a body that keeps flowing for 2 s.
        var body = await client.GetByteArrayAsync("/stream?headerDelayMs=1000&chunks=20&chunkBytes=4096&intervalMs=100");

        Assert.Equal(20 * 4096, body.Length);
    }

    [Fact]
    public async Task A_stream_that_stalls_fails_by_idle_timeout()
    {
        await using var stub = await StubServer.StartAsync();
        var config = Config("stall", stub);
        config[Key("stall", "AttemptTimeout")] = "00:00:10";
        using var services = Build(config, "stall");
        using var client = services.Client("stall");
        using var response = await client.GetAsync("/stream?chunks=4&chunkBytes=1024&pauseAfter=2&pauseMs=10000", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8192];

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        });

        Assert.Contains("idle-read timeout", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Config(string pipeline, StubServer stub) => new()
    {
        [Key(pipeline, "Endpoints:0:Url")] = stub.Url.ToString(),
        [Key(pipeline, "AttemptTimeout")] = "00:00:00.500",
        // 30× the stub's chunk interval: a loaded CI machine must not turn a flowing stream into an idle one.
        [Key(pipeline, "IdleReadTimeout")] = "00:00:03",
        [Key(pipeline, "Retry:Enabled")] = "false",
    };
}
