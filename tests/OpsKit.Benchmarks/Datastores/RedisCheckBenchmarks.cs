using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpsKit.Testing;
using StackExchange.Redis;

namespace OpsKit.Benchmarks.Datastores;

/// <summary>
/// One execution of each OpsKit Redis check vs Xabaril's <c>AddRedis</c> on the same multiplexer and a real redis-server.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class RedisCheckBenchmarks
{
    private RedisServer _server = null!;
    private ServiceProvider _services = null!;
    private Dictionary<string, HealthCheckRegistration> _registrations = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await RedisServer.StartAsync();
        for (var i = 0; i < 100; i++)
        {
            await _server.ExecuteAsync("SET", $"app:lock:{i}", "token", "PX", "30000");
        }

        var multiplexer = await ConnectionMultiplexer.ConnectAsync(_server.Configuration());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        services.AddOpsHealth().AddRedis(o => o.Locks.LockPatterns = ["app:lock:*"]);
        services.AddHealthChecks().AddRedis(multiplexer, name: "xabaril");
        _services = services.BuildServiceProvider();
        _registrations = _services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(r => r.Name);
        foreach (var name in _registrations.Keys)
        {
            await RunAsync(name);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var multiplexer = _services.GetRequiredService<IConnectionMultiplexer>();
        await _services.DisposeAsync();
        await multiplexer.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<HealthCheckResult> Xabaril_redis() => RunAsync("xabaril");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_redis() => RunAsync("redis");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_redis_memory() => RunAsync("redis.memory");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_redis_locks_100_keys() => RunAsync("redis.locks");

    private Task<HealthCheckResult> RunAsync(string name)
    {
        var registration = _registrations[name];
        return registration.Factory(_services).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}
