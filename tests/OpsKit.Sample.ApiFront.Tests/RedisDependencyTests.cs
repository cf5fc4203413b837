namespace OpsKit.Sample.ApiFront.Tests;

/// <summary><c>redis.memory</c> declares <c>DependsOn: redis</c> (appsettings.json).</summary>
public sealed class RedisDependencyTests : IAsyncLifetime
{
    private Lucid? _lucid;

    private Lucid Lucid => _lucid!;

    public async Task InitializeAsync() => _lucid = await Lucid.StartAsync();

    public async Task DisposeAsync() => await Lucid.DisposeAsync();

    [Fact]
    public async Task Redis_memory_is_not_run_while_redis_is_down_and_runs_again_after()
    {
        await using var host = await Lucid.StartSampleAsync();
        await host.AllHealthyAsync();

        await Lucid.Redis.StopAsync();
        var (_, down) = await host.HealthUntilAsync(
            h => h.Status("redis") == "Unhealthy" && h.Check("redis.memory").Category() == "dependency",
            "redis.memory is not run while redis is down");
        Assert.Equal("Unhealthy", down.Status("redis.memory"));
        Assert.Equal("redis", down.Check("redis.memory").Data().GetProperty("dependency").GetString());

        await Lucid.Redis.StartAgainAsync();
        var (_, up) = await host.HealthUntilAsync(
            h => h.Status("redis") == "Healthy" && h.Status("redis.memory") == "Healthy",
            "redis.memory runs again once redis is back",
            TimeSpan.FromSeconds(20));
        Assert.Null(up.Check("redis.memory").Category());
    }
}
