using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace OpsKit.Redis.Tests;

/// <summary>redis.memory and redis.locks depend on redis: a frozen server is one failure, not three.</summary>
public sealed class RedisDependencyTests
{
    [Fact]
    public async Task Memory_and_locks_are_not_run_while_redis_is_frozen_and_run_again_after_the_thaw()
    {
        await using var server = await RedisServer.StartAsync();
        await using var app = await RedisApp.StartAsync(server, o => o.Memory.RequireMaxMemory = false);
        using var executions = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "OpsKit", "opskit.health.check.executions");
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(6), "the app starts ready");

        await server.FreezeAsync();
        try
        {
            var frozen = await Eventually.Until(
                () => app.Client.GetJsonAsync("/health"),
                r => r.Check("redis.memory").Category() == "dependency" && r.Check("redis.locks").Category() == "dependency",
                TimeSpan.FromSeconds(10),
                "the dependent checks defer to redis");
            Assert.Equal("timeout", frozen.Check("redis").Category());
            foreach (var name in new[] { "redis.memory", "redis.locks" })
            {
                Assert.Equal("Unhealthy", frozen.Check(name).GetProperty("status").GetString());
                Assert.Equal("redis", frozen.Check(name).GetProperty("data").GetProperty("dependency").GetString());
            }

            // Three more runs of redis (each a timeout), and not one of the checks that depend on it.
            var before = Runs(executions);
            await Eventually.Until(() => Runs(executions)["redis"] >= before["redis"] + 3, TimeSpan.FromSeconds(15), "redis runs three more times");
            var after = Runs(executions);
            Assert.Equal(before["redis.memory"], after["redis.memory"]);
            Assert.Equal(before["redis.locks"], after["redis.locks"]);
        }
        finally
        {
            await server.ThawAsync();
        }

        var thawed = Runs(executions);
        await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis", "Healthy") && r.HasCheck("redis.memory", "Healthy") && r.HasCheck("redis.locks", "Healthy"),
            TimeSpan.FromSeconds(10),
            "all three are Healthy after the thaw");
        var recovered = Runs(executions);
        Assert.True(recovered["redis.memory"] > thawed["redis.memory"], "redis.memory runs again");
        Assert.True(recovered["redis.locks"] > thawed["redis.locks"], "redis.locks runs again");
    }

    private static Dictionary<string, long> Runs(MetricCollector<long> executions)
    {
        var runs = new Dictionary<string, long>(StringComparer.Ordinal) { ["redis"] = 0, ["redis.memory"] = 0, ["redis.locks"] = 0 };
        foreach (var measurement in executions.GetMeasurementSnapshot())
        {
            if (measurement.Tags["check"] is string check && runs.ContainsKey(check))
            {
                runs[check] += measurement.Value;
            }
        }

        return runs;
    }
}
