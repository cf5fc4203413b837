using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>The HTTP probe port of a worker with no Redis configured (the one-command start).</summary>
public sealed class HttpListenerTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_HTTP_probe_port_answers_health_ready_from_the_workers_own_engine()
    {
        await using var worker = await WorkerHost.StartAsync();

        var body = await Eventually.Until(
            async () => (await worker.Client.GetAsync("health/ready")) is { StatusCode: HttpStatusCode.OK } r ? await r.Content.ReadAsStringAsync() : null,
            b => b is not null,
            Start,
            "readiness answers 200 once the memory check has run");

        Assert.Equal("Healthy", JsonDocument.Parse(body!).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync("health/startup")).StatusCode);
    }

    [Fact]
    public async Task A_health_group_is_served_on_the_HTTP_probe_port_and_listed_in_the_details()
    {
        await using var worker = await WorkerHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OpsKit:Health:Checks:memory:Tags:0"] = "live",
            ["OpsKit:Health:Checks:memory:Tags:1"] = "host",
            ["OpsKit:Health:Groups:host:Path"] = "/health/host",
            ["OpsKit:Health:Groups:host:Tags:0"] = "host",
        });

        var group = await Eventually.Until(
            async () => (await worker.Client.GetAsync("health/host")) is { StatusCode: HttpStatusCode.OK } r ? await r.Content.ReadAsStringAsync() : null,
            b => b is not null,
            Start,
            "the group answers 200 once the memory check has run");

        Assert.Equal("Healthy", JsonDocument.Parse(group!).RootElement.GetProperty("status").GetString());
        using var details = JsonDocument.Parse(await worker.Client.GetStringAsync("health"));
        var listed = details.RootElement.GetProperty("groups").GetProperty("host");
        Assert.Equal("/health/host", listed.GetProperty("path").GetString());
        Assert.Equal(["memory"], listed.GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_HTTP_probe_port_serves_metrics_with_the_health_gauges()
    {
        await using var worker = await WorkerHost.StartAsync();
        await Eventually.Until(() => ProbePort.AcceptsAsync(worker.Ports.Ready), Start, "readiness passes");

        var metrics = await worker.Client.GetStringAsync("metrics");

        Assert.Equal(2, SampleHost.MetricValue(metrics, "opskit_health_check_status", "check=\"memory\""));
    }

    [Fact]
    public async Task Every_TCP_probe_port_accepts_connections_once_its_probe_passes()
    {
        await using var worker = await WorkerHost.StartAsync();
        var ports = worker.Ports;

        await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), Start, "readiness passes");

        Assert.True(await ProbePort.AcceptsAsync(ports.Live));
        Assert.True(await ProbePort.AcceptsAsync(ports.Startup));
    }

    [Fact]
    public async Task Refusing_traffic_from_code_closes_the_readiness_port_and_accepting_opens_it_again()
    {
        await using var worker = await WorkerHost.StartAsync();
        var ports = worker.Ports;
        var availability = worker.Host.Services.GetRequiredService<IOpsAvailability>();
        await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), Start, "readiness passes");

        availability.RefuseTraffic("draining");

        await Eventually.Until(async () => !await ProbePort.AcceptsAsync(ports.Ready), Start, "the readiness port closes");
        Assert.True(await ProbePort.AcceptsAsync(ports.Live), "liveness is untouched by a refusal");
        var response = await worker.Client.GetAsync("health/ready");
        Assert.Contains("\"reason\":\"draining\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        availability.AcceptTraffic();

        await Eventually.Until(() => ProbePort.AcceptsAsync(ports.Ready), Start, "the readiness port opens again");
    }
}
