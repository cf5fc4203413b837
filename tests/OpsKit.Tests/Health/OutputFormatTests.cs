using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsKit.Health;

namespace OpsKit.Tests.Health;

public sealed class OutputFormatTests
{
    private static readonly Dictionary<string, string?> Config = new()
    {
        ["OpsKit:Health:Details"] = "Always",
        ["OpsKit:Health:Paths:Alive"] = "/alive",
    };

    [Fact]
    public async Task Detailed_json_has_the_documented_fields()
    {
        await using var app = await StartAsync();

        var details = await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");
        Assert.Equal("Degraded", details.Body.GetProperty("status").GetString());
        Assert.True(details.Body.TryGetProperty("timestamp", out _));
        Assert.True(details.Body.TryGetProperty("durationMs", out _));
        var pool = details.Body.GetProperty("checks").GetProperty("pool");
        Assert.Equal("Degraded", pool.GetProperty("status").GetString());
        Assert.True(pool.GetProperty("critical").GetBoolean());
        Assert.Equal(9, pool.GetProperty("data").GetProperty("busy").GetInt32());
        Assert.Equal(0.9, pool.GetProperty("data").GetProperty("usage").GetDouble());
        Assert.Equal("threshold", pool.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("pool 90 % busy", pool.GetProperty("error").GetProperty("message").GetString());
        Assert.True(pool.TryGetProperty("lastRun", out _));
        Assert.True(pool.TryGetProperty("lastChange", out _));
        Assert.False(details.Body.GetProperty("checks").GetProperty("ok").TryGetProperty("error", out _));
    }

    [Fact]
    public async Task HealthChecks_ui_format_has_the_ui_client_shape()
    {
        await using var app = await StartAsync();
        await Eventually.Until(() => app.Client.GetJsonAsync("/health"), r => r.Code == 200, TimeSpan.FromSeconds(5), "the first snapshot");

        var ui = await app.Client.GetJsonAsync("/health?format=healthchecks-ui");
        Assert.Equal("Degraded", ui.Body.GetProperty("status").GetString());
        Assert.True(ui.Body.TryGetProperty("totalDuration", out _));
        var pool = ui.Body.GetProperty("entries").GetProperty("pool");
        Assert.Equal("Degraded", pool.GetProperty("status").GetString());
        Assert.Equal("pool 90 % busy", pool.GetProperty("description").GetString());
        Assert.Equal(10, pool.GetProperty("data").GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Aspire_style_alive_alias_answers_like_liveness()
    {
        await using var app = await StartAsync();

        var alive = await app.Client.GetJsonAsync("/alive");
        Assert.Equal(200, alive.Code);
        Assert.Equal("""{"status":"Healthy"}""", alive.Text);
    }

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(
        b => b.Services.AddOpsHealth()
            .AddCheck("ok", _ => Task.FromResult(HealthCheckResult.Healthy()))
            .AddCheck("pool", _ => Task.FromResult(HealthCheckResult.Degraded(
                "pool 90 % busy",
                data: new Dictionary<string, object> { ["busy"] = 9, ["max"] = 10, ["usage"] = 0.9 }))),
        Config);
}
