using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class ProbeStormTests
{
    [Fact]
    public async Task Two_thousand_concurrent_probes_cost_at_most_one_execution_per_check_per_period()
    {
        var checks = Enumerable.Range(0, 5).Select(_ => new ControlledCheck()).ToArray();
        await using var app = await TestApp.StartAsync(
            b =>
            {
                var health = b.Services.AddOpsHealth();
                for (var i = 0; i < checks.Length; i++)
                {
                    health.AddCheck($"dependency-{i}", checks[i].RunAsync);
                }
            },
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:10" });
        await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
        var before = checks.Select(c => c.Runs).ToArray();

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 200 };
        using var client = new HttpClient(handler) { BaseAddress = app.Client.BaseAddress };
        var started = DateTime.UtcNow;
        var codes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(async i =>
        {
            using var response = await client.GetAsync(i % 2 == 0 ? "/health/ready" : "/health");
            return (int)response.StatusCode;
        }));
        var elapsed = DateTime.UtcNow - started;

        Assert.All(codes, code => Assert.Equal(200, code));
        for (var i = 0; i < checks.Length; i++)
        {
            // One period (10 s) may begin during the storm, so at most one more run per check.
            var extraRuns = checks[i].Runs - before[i];
            Assert.True(extraRuns <= 1 + (int)(elapsed.TotalSeconds / 10), $"check {i} ran {extraRuns} more times during a {elapsed.TotalMilliseconds:0} ms storm");
        }
    }
}
