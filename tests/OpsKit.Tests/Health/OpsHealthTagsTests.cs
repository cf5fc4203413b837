using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class OpsHealthTagsTests
{
    [Fact]
    public async Task Checks_tagged_with_the_public_constants_join_those_probes_and_non_critical_keeps_readiness_up()
    {
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddOpsHealth()
                .AddCheck("warmup", _ => Task.FromResult(HealthCheckResult.Healthy()), tags: [OpsHealthTags.Startup, OpsHealthTags.Live])
                .AddCheck("cache", _ => Task.FromResult(HealthCheckResult.Unhealthy("down")), tags: [OpsHealthTags.Ready, OpsHealthTags.NonCritical]),
            new Dictionary<string, string?> { ["OpsKit:Health:Period"] = "00:00:00.200", ["OpsKit:Health:Details"] = "Always" });

        var ready = await Eventually.Until(() => app.Client.GetJsonAsync("/health/ready"), r => !r.Text.Contains("starting", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the first snapshot");

        Assert.Equal(200, ready.Code);
        Assert.Equal("Degraded", ready.Body.GetProperty("status").GetString());
        var checks = (await app.Client.GetJsonAsync("/health")).Body.GetProperty("checks");
        Assert.Equal([OpsHealthTags.Live, OpsHealthTags.Startup], checks.GetProperty("warmup").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([OpsHealthTags.Ready], checks.GetProperty("cache").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(checks.GetProperty("cache").GetProperty("critical").GetBoolean());
        Assert.Equal(200, (await app.Client.GetJsonAsync("/health/startup")).Code);
    }
}
