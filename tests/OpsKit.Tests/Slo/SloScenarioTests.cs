using System.Net;
using static OpsKit.Tests.Slo.SloTestHost;

namespace OpsKit.Tests.Slo;

/// <summary>Seed scenarios S0-T6 and S3-T2 on real Kestrel: requests driven by the test, the SLO section read as an operator would.</summary>
[Collection(LatencySensitiveCollection.Name)]
public sealed class SloScenarioTests
{
    [Fact]
    public async Task S0_T6_slow_route_breaches_the_p95_objective()
    {
        await using var app = await StartAsync(
            new Dictionary<string, string?>
            {
                ["OpsKit:Slo:slow:Route"] = "/slow",
                ["OpsKit:Slo:slow:Latency:P95:Critical"] = "00:00:00.500",
            },
            delay: TimeSpan.FromMilliseconds(600));

        await DriveAsync(app.Client, "/slow", 50);

        var slo = await SloAfterAsync(app, "slow", 50);
        var p95 = slo.GetProperty("targets").GetProperty("p95");
        Assert.True(p95.GetProperty("value").GetDouble() >= 0.5, $"p95 = {p95.GetProperty("value").GetDouble()} s");
        Assert.Equal(0.5, p95.GetProperty("critical").GetDouble());
        Assert.Equal("critical", p95.GetProperty("state").GetString());
        Assert.Equal("critical", slo.GetProperty("state").GetString());
        Assert.Equal("00:05:00", slo.GetProperty("window").GetString());
    }

    [Fact]
    public async Task S3_T2_work_route_at_300_ms_is_warning_under_the_strict_preset()
    {
        // The 300 ms route leaves 200 ms to the 500 ms critical bound. The server saw each request take no longer than the
        // client did, so when the client's p95 stays under 480 ms the objective must say warning; a run that another test
        // assembly's CPU bursts pushed over it judges the machine, not the preset, and is repeated on a fresh app.
        const double ClientBound = 0.48;
        for (var attempt = 1; ; attempt++)
        {
            await using var app = await StartAsync(Strict(), delay: TimeSpan.FromMilliseconds(300));
            var clientP95 = await DriveOneAtATimeAsync(app.Client, "/work", 50);
            var slo = await SloAfterAsync(app, "work", 50);
            if (clientP95 >= ClientBound && attempt < 3)
            {
                continue;
            }

            Assert.True(clientP95 < ClientBound, $"the machine was too slow to judge in {attempt} runs: client p95 {clientP95:0.000} s");
            var p95 = slo.GetProperty("targets").GetProperty("p95");
            Assert.True(p95.GetProperty("state").GetString() == "warning", slo.ToString());
            Assert.Equal(0.2, p95.GetProperty("warning").GetDouble());
            Assert.Equal(0.5, p95.GetProperty("critical").GetDouble());
            Assert.Equal("warning", slo.GetProperty("state").GetString());
            return;
        }
    }

    [Fact]
    public async Task S3_T2_work_route_at_600_ms_is_critical_under_the_strict_preset()
    {
        await using var app = await StartAsync(Strict(), delay: TimeSpan.FromMilliseconds(600));

        await DriveAsync(app.Client, "/work", 50);

        var slo = await SloAfterAsync(app, "work", 50);
        Assert.Equal("critical", slo.GetProperty("targets").GetProperty("p95").GetProperty("state").GetString());
        Assert.Equal("critical", slo.GetProperty("state").GetString());
    }

    [Fact]
    public async Task S3_T2_a_breached_objective_leaves_readiness_unchanged_by_default()
    {
        await using var app = await StartAsync(Strict(), delay: TimeSpan.FromMilliseconds(600));

        await DriveAsync(app.Client, "/work", 50);
        await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("slo").GetProperty("work").GetProperty("state").GetString() == "critical",
            TimeSpan.FromSeconds(15),
            "the objective is critical");

        using var ready = await app.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var (_, body, _) = await app.Client.GetJsonAsync("/health");
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("checks").TryGetProperty("slo.work", out _));
    }

    [Fact]
    public async Task S3_T2_with_affects_readiness_a_breach_makes_readiness_degraded_but_ready()
    {
        var configuration = Strict();
        configuration["OpsKit:Slo:work:AffectsReadiness"] = "true";
        await using var app = await StartAsync(configuration, delay: TimeSpan.FromMilliseconds(600));

        await DriveAsync(app.Client, "/work", 50);

        var (_, body, _) = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("checks").GetProperty("slo.work").GetProperty("status").GetString() == "Degraded",
            TimeSpan.FromSeconds(15),
            "the slo.work check turns Degraded");
        var check = body.GetProperty("checks").GetProperty("slo.work");
        Assert.Equal("critical", check.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal("threshold", check.GetProperty("error").GetProperty("category").GetString());
        using var ready = await app.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task S3_T2_with_critical_makes_unready_a_critical_objective_fails_readiness()
    {
        var configuration = Strict();
        configuration["OpsKit:Slo:work:AffectsReadiness"] = "true";
        configuration["OpsKit:Slo:work:CriticalMakesUnready"] = "true";
        await using var app = await StartAsync(configuration, delay: TimeSpan.FromMilliseconds(600));

        await DriveAsync(app.Client, "/work", 50);

        await Eventually.Until(
            async () => (await app.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(15),
            "readiness answers 503");
    }

    private static Dictionary<string, string?> Strict() => new()
    {
        ["OpsKit:Slo:work:Route"] = "/work",
        ["OpsKit:Slo:work:Preset"] = "strict",
    };
}
