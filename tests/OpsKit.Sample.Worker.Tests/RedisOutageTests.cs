using Microsoft.Extensions.DependencyInjection;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>The worker on a real Redis: the readiness port follows the dependency, liveness does not.</summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Redis_down_closes_the_readiness_port_within_period_plus_timeout_plus_one_second_and_back_opens_it()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var worker = await WorkerHost.StartAsync(redis.ConnectionString);
        var ports = worker.Ports;
        await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), Recovery, "the readiness port opens once Redis answers");

        var down = FaultClock.Start("W1-T1", "redis-stopped-ready-port-closed", WorkerPorts.Period + WorkerPorts.Timeout + TimeSpan.FromSeconds(1), output);
        await redis.StopAsync();
        await down.UntilAsync(async () => !await ProbePort.AcceptsAsync(ports.Ready), "the readiness port refuses connections");

        Assert.True(await ProbePort.AcceptsAsync(ports.Live), "liveness must stay open while a dependency is down");
        var ready = await worker.Client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        await redis.StartAgainAsync();
        await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), Recovery, "the readiness port opens again once Redis is back");
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_job_pushed_to_the_Redis_list_is_consumed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var worker = await WorkerHost.StartAsync(redis.ConnectionString);
        var processed = worker.Host.Services.GetRequiredService<ProcessedJobs>();

        await redis.ExecuteAsync("LPUSH", RedisJobQueue.Key, "resize image 42");

        await Eventually.Until(() => processed.Count == 1, Recovery, "the worker takes the job");
        Assert.Equal(0L, (long)await redis.ExecuteAsync("LLEN", RedisJobQueue.Key));
    }
}
