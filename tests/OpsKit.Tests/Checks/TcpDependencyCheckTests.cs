using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Health.Checks.Internal;
using OpsKit.Testing.Shared;

namespace OpsKit.Tests.Checks;

public sealed class TcpDependencyCheckTests
{
    [Fact]
    public async Task Listening_port_is_Healthy_with_latency()
    {
        using var listener = new SilentListener();
        await using var app = await CheckApp.StartAsync(h => h.AddTcpDependency("mongo", "127.0.0.1", listener.Port));

        var check = await app.WaitForAsync("mongo", "Healthy");

        Assert.True(check.Data().GetProperty("latency_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Dns_refused_and_timeout_failures_have_distinct_categories()
    {
        using var hung = new SilentListener();
        using var closed = new ClosedPort();
        await using var app = await CheckApp.StartAsync(
            h => h
                .AddTcpDependency("mongodb", "lucid-mongodb.invalid", 27017)
                .AddTcpDependency("closed", "127.0.0.1", closed.Port)
                .AddHttpDependency("hung", new Uri($"http://127.0.0.1:{hung.Port}/"), o => o.Timeout = TimeSpan.FromSeconds(1)),
            services: s => s.AddSingleton<IHostResolver>(new FakeResolver()));

        Assert.Equal("dns", (await app.WaitForAsync("mongodb", "Unhealthy")).Category());
        Assert.Equal("connection_refused", (await app.WaitForAsync("closed", "Unhealthy")).Category());
        Assert.Equal("timeout", (await app.WaitForAsync("hung", "Unhealthy")).Category());
    }
}
