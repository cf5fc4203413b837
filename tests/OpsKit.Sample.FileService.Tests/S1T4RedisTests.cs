using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Redis;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>S1-T4 stops Redis, so it has servers of its own.</summary>
public sealed class S1T4RedisStoppedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T4_stopped_redis_fails_readiness_keeps_liveness_fails_uploads_fast_and_recovers()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        await postgres.GrantReadAllStatsAsync();
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(postgres, redis, "callfs-s1-t4", storage.Path));
        await Eventually.Until(() => host.GetJsonAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the sample starts ready");

        await redis.StopAsync();
        var response = await FaultClock.Start("S1-T4", "redis-stopped", FaultClock.N, output).UntilAsync(
            () => host.GetJsonAsync("/health"),
            r => r.HasCheck("redis", "Unhealthy") && r.Check("redis").Category() == "connection_refused",
            "redis is Unhealthy connection_refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/live"));
        Assert.Equal(0, await host.MetricAsync("opskit_health_check_status", "check=\"redis\""));

        // The upload's lock acquisition (10 retries, 100 ms apart, 1 s command timeout) fails with a typed error, not a hang.
        var lockDown = FaultClock.Start("S1-T4", "lock-redis-down", TimeSpan.FromSeconds(11), output);
        using var upload = await host.SendAsync(HttpMethod.Put, "/files/t4/down.txt", "Bearer " + FileService.ApiKey, new StringContent("x"));
        lockDown.Observed("the upload's lock fails with a typed error (10 × (100 ms + 1 s command timeout))");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
        Assert.Contains("Lock service unavailable", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await redis.StartAgainAsync();
        await FaultClock.Start("S1-T4", "redis-restarted", TimeSpan.FromSeconds(10), output).UntilAsync(
            async () => await host.GetStatusAsync("/health/ready") == HttpStatusCode.OK, "readiness is 200 again");
    }
}

[Collection(SharedServersCollection.Name)]
public sealed class S1T4LockContentionTests(SharedServers shared, ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T4_upload_of_a_path_whose_lock_is_held_is_not_acquired_within_the_retry_budget()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t4-busy", storage.Path));
        var locks = host.Services.GetRequiredService<IOpsDistributedLock>();
        await using var holder = await locks.TryAcquireAsync("callfs:lock:/t4/busy.txt");
        Assert.NotNull(holder);

        // 10 retries 100 ms apart: the retry budget is 1 s (the scenario's 10 × (100 ms + command timeout) is for a
        // Redis that does not answer).
        var contention = FaultClock.Start("S1-T4", "lock-held", TimeSpan.FromSeconds(1), output);
        using var upload = await host.SendAsync(HttpMethod.Put, "/files/t4/busy.txt", "Bearer " + FileService.ApiKey, new StringContent("x"));
        contention.Observed("the upload gives up on the held lock");

        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        Assert.True(contention.Elapsed >= TimeSpan.FromMilliseconds(900), $"gave up after {contention.Elapsed.TotalMilliseconds} ms, before the 10 retries 100 ms apart");
        Assert.False(File.Exists(Path.Combine(storage.Path, "t4", "busy.txt")));
    }
}
