using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// S3-T2 "API responses &gt; 200ms" on the sample's real route <c>POST /policies/evaluate</c>: the slow part is a policy
/// whose SQL takes 300 ms (or 600 ms) in PostgreSQL (<c>pg_sleep</c>), the way a slow policy query makes the service slow;
/// the sample's objective <c>policies</c> uses the <c>strict</c> preset (p95 200 ms warning / 500 ms critical).
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class LatencyObjectiveTests(PolicyDatabaseFixture database)
{
    private const int Requests = 50;
    private const int Parallel = 5;

    [Fact]
    public async Task S3_T2_policy_evaluation_at_300_ms_is_warning_under_the_strict_preset()
    {
        // The 300 ms policy leaves 200 ms to the 500 ms critical bound. The server saw each request take no longer than
        // the client did, so when the client's p95 of the slow requests stays under 480 ms the objective must say
        // warning. A run that other test assemblies' CPU bursts pushed over it (p95 0.57 s seen in a loaded full run)
        // judges the machine, not the preset: it is repeated on a fresh host, three runs at most.
        const double ClientBound = 0.48;
        for (var attempt = 1; ; attempt++)
        {
            await using var host = await PolicyHost.StartAsync(database);
            var warmup = await WarmUpAsync(host);
            var clientP95 = await DriveOneAtATimeAsync(host, "audit-300ms");
            var slo = await ObjectiveAfterAsync(host, warmup + Requests);
            if (clientP95 >= ClientBound && attempt < 3)
            {
                continue;
            }

            Assert.True(clientP95 < ClientBound, $"the machine was too slow to judge in {attempt} runs: client p95 {clientP95:0.000} s");
            var p95 = slo.GetProperty("targets").GetProperty("p95");
            Assert.True(p95.GetProperty("state").GetString() == "warning", slo.ToString());
            Assert.InRange(p95.GetProperty("value").GetDouble(), 0.29, 0.5);
            Assert.Equal(0.2, p95.GetProperty("warning").GetDouble());
            Assert.Equal(0.5, p95.GetProperty("critical").GetDouble());
            Assert.Equal("warning", slo.GetProperty("state").GetString());
            Assert.Equal("/policies", slo.GetProperty("route").GetString());
            return;
        }
    }

    [Fact]
    public async Task S3_T2_policy_evaluation_at_600_ms_is_critical_and_readiness_is_unchanged()
    {
        await using var host = await PolicyHost.StartAsync(database);
        var warmup = await WarmUpAsync(host);

        await DriveAsync(host, "audit-600ms", Parallel);

        var slo = await ObjectiveAfterAsync(host, warmup + Requests);
        Assert.True(slo.GetProperty("targets").GetProperty("p95").GetProperty("state").GetString() == "critical", slo.ToString());
        Assert.Equal("critical", slo.GetProperty("state").GetString());
        Assert.Equal(2, SampleHost.MetricValue(await host.ScrapeAsync(), "opskit_slo_state", "slo=\"policies\""));

        // SLO-affects-readiness is off by default: the breach is reported, readiness stays 200 and no slo.* check exists.
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));
        var (_, json) = await host.GetJsonAsync("/health");
        Assert.False(json.GetProperty("checks").TryGetProperty("slo.policies", out _));
    }

    /// <summary>
    /// A cold process compiles the request path on its first requests and the pool opens its first connections; ten
    /// fast evaluations, as many at once as the slow ones will be sent, keep that out of the slow policy's percentiles
    /// (they count in the window, below the slow ones).
    /// </summary>
    private static async Task<int> WarmUpAsync(SampleHost host)
    {
        await PolicyHost.WaitUntilReadyAsync(host);
        const int warmup = 10;
        for (var sent = 0; sent < warmup; sent += Parallel)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => PolicyHost.EvaluateAsync(host, "admin-only")));
            Assert.All(statuses, s => Assert.Equal(200, s));
        }

        return warmup;
    }

    private static async Task DriveAsync(SampleHost host, string policy, int parallel)
    {
        for (var sent = 0; sent < Requests; sent += parallel)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => PolicyHost.EvaluateAsync(host, policy)));
            Assert.All(statuses, s => Assert.Equal(200, s));
        }
    }

    /// <summary>Sends the requests one at a time; returns the client-side p95 (nearest rank) of their durations, in seconds.</summary>
    private static async Task<double> DriveOneAtATimeAsync(SampleHost host, string policy)
    {
        var seconds = new List<double>(Requests);
        for (var sent = 0; sent < Requests; sent++)
        {
            var started = Stopwatch.GetTimestamp();
            Assert.Equal(200, await PolicyHost.EvaluateAsync(host, policy));
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        seconds.Sort();
        return seconds[(int)Math.Ceiling(0.95 * seconds.Count) - 1];
    }

    private static async Task<JsonElement> ObjectiveAfterAsync(SampleHost host, int requests)
    {
        var (_, json) = await Eventually.Until(
            () => host.GetJsonAsync("/health"),
            r => r.Json.GetProperty("slo").GetProperty("policies").GetProperty("requests").GetInt64() >= requests,
            TimeSpan.FromSeconds(10),
            $"the objective counts {requests} requests");
        return json.GetProperty("slo").GetProperty("policies");
    }
}
