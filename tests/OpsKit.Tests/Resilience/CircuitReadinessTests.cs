using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

public sealed class CircuitReadinessTests
{
    [Fact]
    public async Task An_open_circuit_makes_readiness_degraded()
    {
        await using var upstream = await StubServer.StartAsync();
        upstream.Status = 503;
        await using var app = await StartAsync("ready-open", upstream, critical: false);
        using var client = app.Services.Client("ready-open");

        await TripAsync(client);

        var (code, body, _) = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("checks").GetProperty("resilience.ready-open").GetProperty("status").GetString() == "Degraded",
            TimeSpan.FromSeconds(15),
            "readiness shows the open circuit");
        Assert.Equal(200, code);
        var check = body.GetProperty("checks").GetProperty("resilience.ready-open");
        Assert.Equal("open", check.GetProperty("data").GetProperty("primary").GetString());
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_open_circuit_of_a_critical_pipeline_makes_the_service_unready()
    {
        await using var upstream = await StubServer.StartAsync();
        upstream.Status = 503;
        await using var app = await StartAsync("ready-critical", upstream, critical: true);
        using var client = app.Services.Client("ready-critical");

        await TripAsync(client);

        await Eventually.Until(
            async () => (await app.Client.GetAsync("/health/ready")).StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(15),
            "readiness answers 503");
    }

    [Fact]
    public async Task The_circuit_closes_after_the_break_and_readiness_recovers()
    {
        await using var upstream = await StubServer.StartAsync();
        upstream.Status = 503;
        await using var app = await StartAsync("ready-close", upstream, critical: false);
        using var client = app.Services.Client("ready-close");
        await TripAsync(client);
        upstream.Status = 200;

        // After the 1 s break the next call is the half-open trial; its success closes the circuit.
        await Eventually.Until(
            async () =>
            {
                using var response = await client.GetAsync("/status");
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(15),
            "a trial call succeeds after the break");

        await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.Body.GetProperty("checks").GetProperty("resilience.ready-close").GetProperty("data").GetProperty("primary").GetString() == "closed",
            TimeSpan.FromSeconds(15),
            "readiness shows the circuit closed");
    }

    [Fact]
    public async Task The_circuit_state_gauge_reports_open_per_endpoint()
    {
        await using var upstream = await StubServer.StartAsync();
        upstream.Status = 503;
        await using var app = await StartAsync("gauge-open", upstream, critical: false);
        using var client = app.Services.Client("gauge-open");
        using var gauge = new MetricCollector<int>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "OpsKit", "opskit.resilience.circuit.state");

        await TripAsync(client);
        gauge.RecordObservableInstruments();

        var measurement = Assert.Single(gauge.GetMeasurementSnapshot(), m => Equals(m.Tags["pipeline"], "gauge-open"));
        Assert.Equal(2, measurement.Value);
        Assert.Equal("primary", measurement.Tags["endpoint"]);
    }

    private static async Task TripAsync(HttpClient client)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/status");
            Assert.Equal(503, (int)response.StatusCode);
        }

        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => client.GetAsync("/status"));
    }

    private static Task<TestApp> StartAsync(string pipeline, StubServer upstream, bool critical) => TestApp.StartAsync(
        b =>
        {
            b.Services.AddOpsHealth();
            b.Services.AddHttpClient(pipeline).AddOpsResilience(pipeline);
        },
        new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Details"] = "Always",
            [Key(pipeline, "Endpoints:0:Url")] = upstream.Url.ToString(),
            [Key(pipeline, "Retry:Enabled")] = "false",
            [Key(pipeline, "CircuitBreaker:FailureThreshold")] = "2",
            [Key(pipeline, "CircuitBreaker:BreakDuration")] = "00:00:01",
            [Key(pipeline, "Critical")] = critical ? "true" : "false",
        });
}
