
namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>
/// S4-T6 "High memory usage during downloads" (S4-H6, S4-R3). The sample runs in the test process, so memory the test
/// holds is memory of the proxy's process. (The whole assembly runs one test at a time: see AssemblyInfo.cs.)
/// </summary>
public sealed class MemoryTests(ITestOutputHelper output)
{
    private const long MB = 1024 * 1024;

    [Fact]
    public async Task S4_T6_holding_250_MB_in_the_proxy_process_makes_memory_Degraded_and_releasing_it_Healthy()
    {
        await using var stub = await ArtifactStub.StartAsync();
        GC.Collect();
        var start = Environment.WorkingSet;
        // Degraded at start + 100 MB, Unhealthy above start + 300 MB (here start + 350 MB): thresholds from the working set now.
        const double unhealthyAt = 0.95;
        var limit = (long)((start + (350 * MB)) / unhealthyAt);
        var degradedAt = (double)(start + (100 * MB)) / limit;
        await using var proxy = await ProxyHost.StartAsync(stub.Url, new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:memory:LimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpsKit:Health:Checks:memory:DegradedAt"] = degradedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["OpsKit:Health:Checks:memory:UnhealthyAt"] = unhealthyAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await proxy.WaitForCheckAsync("memory", "Healthy");

        using (new ResidentMemory(250 * MB))
        {
            var health = await proxy.WaitForCheckAsync("memory", "Degraded", FaultClock.Start("S4-T6", "holding-250-MB", FaultClock.N, output));
            var memory = health.GetProperty("checks").GetProperty("memory");
            Assert.Equal("threshold", memory.GetProperty("error").GetProperty("category").GetString());
            Assert.Equal(limit, memory.GetProperty("data").GetProperty("limit_bytes").GetInt64());
            Assert.Equal(1, SampleHost.MetricValue(await proxy.Host.ScrapeAsync(), "opskit_health_check_status", "check=\"memory\""));
        }

        GC.Collect();
        await proxy.WaitForCheckAsync("memory", "Healthy", FaultClock.Start("S4-T6", "released", FaultClock.N, output));
    }

    [Fact]
    public async Task S4_T6_streaming_a_200_MB_artefact_through_the_proxy_raises_the_working_set_by_less_than_64_MB()
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url);
        // Warm up the path (JIT, connection pools, Kestrel buffers) with a streamed 4 MB artefact first.
        Assert.Equal(4 * MB, await DrainAsync(proxy.Client, "/artifacts/apache/stream/warmup.tar.gz?mb=4"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var start = Environment.WorkingSet;
        var peak = start;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                peak = Math.Max(peak, Environment.WorkingSet);
            }
        });

        long received;
        try
        {
            received = await DrainAsync(proxy.Client, "/artifacts/apache/stream/hadoop-3.3.6.tar.gz?mb=200");
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampler);
        }

        peak = Math.Max(peak, Environment.WorkingSet);
        Assert.Equal(200 * MB, received);
        Assert.True(peak - start < 64 * MB, $"working set grew by {(peak - start) / MB} MB while streaming 200 MB");
    }

    /// <summary>Reads a response in 64 KB chunks and counts the bytes: the test client buffers nothing either.</summary>
    private static async Task<long> DrainAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
