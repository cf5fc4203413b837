using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

[Collection(SharedRedisCollection.Name)]
public sealed class RedisLockTests(RedisServerFixture fixture)
{
    private RedisServer Server => fixture.Server;

    [Fact]
    public async Task Acquired_lock_has_a_ttl_within_the_expiry_and_is_removed_on_release()
    {
        await using var app = await RedisApp.StartAsync(Server);
        using var held = new MetricCollector<double>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.lock.held");
        using var acquisitions = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.lock.acquisitions");
        var locks = app.Services.GetRequiredService<IOpsDistributedLock>();

        var handle = await locks.TryAcquireAsync("callfs:lock:/ttl");
        Assert.NotNull(handle);
        var pttl = (long)(await Server.ExecuteAsync("PTTL", "callfs:lock:/ttl"));
        Assert.InRange(pttl, 1, 60_000);
        await handle.DisposeAsync();

        Assert.Equal(0, (long)(await Server.ExecuteAsync("EXISTS", "callfs:lock:/ttl")));
        Assert.Single(held.GetMeasurementSnapshot());
        var acquired = Assert.Single(acquisitions.GetMeasurementSnapshot());
        Assert.Equal("acquired", acquired.Tags["result"]);
    }

    [Fact]
    public async Task Contended_lock_is_not_acquired_within_the_retry_budget()
    {
        await using var app = await RedisApp.StartAsync(Server);
        using var acquisitions = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.lock.acquisitions");
        var locks = app.Services.GetRequiredService<IOpsDistributedLock>();
        await using var first = await locks.TryAcquireAsync("callfs:lock:/contended");
        Assert.NotNull(first);

        var watch = Stopwatch.StartNew();
        var second = await locks.TryAcquireAsync("callfs:lock:/contended");
        watch.Stop();

        Assert.Null(second);
        // 10 retries 100 ms apart: about 1.1 s on an idle machine. The upper bound leaves room for a loaded 2-core
        // machine (late timers, a CPU burst of another test assembly) and still fails if every attempt waited out its
        // 1 s command timeout (11 s, S1-T4's limit).
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        Assert.Contains(acquisitions.GetMeasurementSnapshot(), m => Equals(m.Tags["result"], "failed"));
    }

    [Fact]
    public async Task Lock_left_by_a_crashed_holder_is_taken_once_its_ttl_expires()
    {
        await using var app = await RedisApp.StartAsync(Server);
        var locks = app.Services.GetRequiredService<IOpsDistributedLock>();
        await Server.ExecuteAsync("SET", "callfs:lock:/crashed", "dead-holder-token", "PX", "400");

        await using var handle = await locks.TryAcquireAsync("callfs:lock:/crashed");

        Assert.NotNull(handle);
    }

    [Fact]
    public async Task Stale_holder_cannot_delete_the_lock_of_the_next_holder()
    {
        await using var app = await RedisApp.StartAsync(Server);
        var locks = app.Services.GetRequiredService<IOpsDistributedLock>();
        var stale = await locks.TryAcquireAsync("callfs:lock:/safe");
        Assert.NotNull(stale);
        // The stale holder's key vanishes (expired while it was paused) and another holder takes the lock.
        await Server.ExecuteAsync("DEL", "callfs:lock:/safe");
        await using var next = await locks.TryAcquireAsync("callfs:lock:/safe");
        Assert.NotNull(next);
        var nextToken = (string?)await Server.ExecuteAsync("GET", "callfs:lock:/safe");

        await stale.DisposeAsync();

        Assert.Equal(nextToken, (string?)await Server.ExecuteAsync("GET", "callfs:lock:/safe"));
    }

    [Fact]
    public async Task Lock_options_bind_from_configuration_and_are_validated_at_start_up()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => RedisApp.StartAsync(
            Server,
            configuration: RedisApp.FastPeriods(("OpsKit:Redis:Lock:MaxRetries", "-1"))));

        Assert.Contains("OpsKit:Redis:Lock:MaxRetries must not be negative.", error.Failures);
    }
}
