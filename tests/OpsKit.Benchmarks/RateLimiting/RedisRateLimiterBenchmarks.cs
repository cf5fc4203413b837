using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Benchmarks.Datastores;
using OpsKit.Redis.Internal;
using OpsKit.Testing;
using StackExchange.Redis;

namespace OpsKit.Benchmarks.RateLimiting;

/// <summary>
/// One acquisition of OpsKit's Redis-backed fixed window (one Lua script round trip) vs the plain pair a hand-written
/// limiter sends (<c>INCR</c> + <c>EXPIRE</c>) on the same multiplexer and real redis-server, and vs ASP.NET Core's
/// in-process <see cref="FixedWindowRateLimiter"/>. Limits are high enough that every acquisition succeeds.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class RedisRateLimiterBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private RedisServer _server = null!;
    private ConnectionMultiplexer _multiplexer = null!;
    private ServiceProvider _services = null!;
    private IDatabase _database = null!;
    private RateLimiter _redisLimiter = null!;
    private FixedWindowRateLimiter _localLimiter = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await RedisServer.StartAsync();
        try
        {
            await ConnectAsync();
        }
        catch
        {
            // A failed setup gets no cleanup call: never leave the server running.
            await _server.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_server.Configuration());
        _database = _multiplexer.GetDatabase();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IConnectionMultiplexer>(_multiplexer);
        services.AddOpsRedisRateLimiter("bench", o => { o.PermitLimit = int.MaxValue; o.Window = Window; });
        _services = services.BuildServiceProvider();
        _redisLimiter = new RedisFixedWindowRateLimiter(_services.GetRequiredKeyedService<RedisRateLimiterPolicy>("bench"), "127.0.0.1");
        _localLimiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = int.MaxValue,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
        using var warm = await _redisLimiter.AcquireAsync();
        if (!warm.IsAcquired)
        {
            throw new InvalidOperationException("the Redis limiter did not acquire: the benchmark would measure the fallback");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _redisLimiter.DisposeAsync();
        await _localLimiter.DisposeAsync();
        await _services.DisposeAsync();
        await _multiplexer.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Plain_incr_and_expire()
    {
        var count = await _database.StringIncrementAsync("plain:ratelimit:127.0.0.1");
        await _database.KeyExpireAsync("plain:ratelimit:127.0.0.1", Window);
        return count;
    }

    [Benchmark]
    public async Task<bool> OpsKit_redis_fixed_window()
    {
        using var lease = await _redisLimiter.AcquireAsync();
        return lease.IsAcquired;
    }

    [Benchmark]
    public async Task<bool> In_process_fixed_window()
    {
        using var lease = await _localLimiter.AcquireAsync();
        return lease.IsAcquired;
    }
}
