using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Testing;
using static OpsKit.Sample.HttpGateway.Tests.GatewayHost;

namespace OpsKit.Sample.HttpGateway.Tests;

/// <summary>S0-T5 "Memory usage high … (limit: 2GB)": the sample's memory check and its bounded quotes cache under real native memory.</summary>
[Collection(SerialCollection.Name)]
public sealed class S0T5MemoryTests(ITestOutputHelper output)
{
    private const long MB = 1 << 20;

    [Fact]
    public async Task S0_T5_holding_250_MB_makes_memory_Degraded_and_releasing_it_Healthy()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        GC.Collect();
        var start = Environment.WorkingSet;
        // DegradedAt × LimitBytes = start + 100 MB; UnhealthyAt × LimitBytes = start + 350 MB (> start + 300 MB).
        const double unhealthyAt = 0.95;
        var limit = (long)((start + (350 * MB)) / unhealthyAt);
        var degradedAt = (double)(start + (100 * MB)) / limit;
        var settings = Settings(gateway, root.Path);
        settings["OpsKit:Health:Checks:memory:LimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["OpsKit:Health:Checks:memory:DegradedAt"] = degradedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        settings["OpsKit:Health:Checks:memory:UnhealthyAt"] = unhealthyAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await StartAsync(settings);
        await WaitForCheckAsync(host, "memory", "Healthy");

        using (new ResidentMemory(250 * MB))
        {
            var degraded = await WaitForCheckAsync(host, "memory", "Degraded", clock: FaultClock.Start("S0-T5", "holding-250-MB", FaultClock.N, output));
            Assert.Equal("threshold", degraded.GetProperty("error").GetProperty("category").GetString());
            Assert.InRange(degraded.GetProperty("data").GetProperty("usage").GetDouble(), degradedAt, unhealthyAt);
            Assert.Equal(limit, degraded.GetProperty("data").GetProperty("limit_bytes").GetInt64());
        }

        GC.Collect();
        await WaitForCheckAsync(host, "memory", "Healthy", clock: FaultClock.Start("S0-T5", "released", FaultClock.N, output));
    }

    [Fact]
    public async Task S0_T5_memory_pressure_compacts_the_quotes_cache_and_counts_capacity_evictions()
    {
        using var root = new TempRoot();
        await using var gateway = await GatewayStub.StartAsync();
        GC.Collect();
        // Cleanup threshold 0.8 of a limit whose 0.8 share is 64 MB above the current working set.
        var limit = (long)((Environment.WorkingSet + (64 * MB)) / 0.8);
        var settings = Settings(gateway, root.Path);
        settings["OpsKit:Caching:quotes:SizeLimit"] = "2000";
        settings["OpsKit:Caching:quotes:MemoryLimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["OpsKit:Caching:quotes:MemoryPressureThreshold"] = "0.8";
        settings["OpsKit:Caching:quotes:MemoryPressureCheckInterval"] = "00:00:01";
        await using var host = await StartAsync(settings);
        var cache = host.Services.GetRequiredKeyedService<IMemoryCache>(HttpGatewayApp.QuotesCache);
        for (var i = 0; i < 1_000; i++)
        {
            cache.Set(i, $"{{\"id\":{i}}}");
        }

        Assert.Equal(1_000, await WaitForMetricAsync(host, "opskit_cache_entries", v => v == 1_000, "cache=\"quotes\""));

        using (new ResidentMemory(256 * MB))
        {
            await WaitForMetricAsync(host, "opskit_cache_entries", v => v < 1_000, "cache=\"quotes\"");
            await WaitForMetricAsync(host, "opskit_cache_evictions_total", v => v > 0, "cache=\"quotes\"", "reason=\"capacity\"");
        }
    }
}
