using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Redis;
using OpsKit.Testing.Shared;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary>A real Kestrel app with the app's own multiplexer, AddRedis() and the lock helper, checks every second.</summary>
internal static class RedisApp
{
    public static Dictionary<string, string?> FastPeriods(params (string Key, string? Value)[] extra)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Details"] = "Always",
            // These tests are about the checks' own results: a down Redis fails readiness as in the seed scenarios.
            // The default (200 Degraded) is tested in OpsKit.Npgsql.Tests/ReadinessDefaultTests.cs.
            ["OpsKit:Health:Readiness"] = "Required",
        };
        foreach (var (key, value) in extra)
        {
            configuration[key] = value;
        }

        return configuration;
    }

    /// <summary>ConnectTimeout 1000 ms and 1 s command timeouts, as S1-T4 states.</summary>
    public static ConfigurationOptions Options(RedisServer server)
    {
        var options = server.Configuration(TimeSpan.FromSeconds(1));
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        return options;
    }

    /// <summary>
    /// Starts the app on a running server and waits until its multiplexer is connected: on a loaded machine the first
    /// connect can miss the 1 s connect timeout and wait for a reconnect, and tests must not measure that.
    /// </summary>
    public static async Task<TestApp> StartAsync(
        RedisServer server,
        Action<OpsRedisOptions>? configure = null,
        Dictionary<string, string?>? configuration = null,
        Action<WebApplicationBuilder>? more = null)
    {
        var app = await TestApp.StartAsync(
            b =>
            {
                var options = Options(server);
                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                b.Services.AddOpsHealth().AddRedis(configure);
                InFlightChecks.AddTo(b.Services);
                b.Services.AddOpsRedisLock();
                more?.Invoke(b);
            },
            configuration ?? FastPeriods());
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => multiplexer.IsConnected, TimeSpan.FromSeconds(20), "the app's multiplexer connects");
        return app;
    }

    public static JsonElement Check(this (int Code, JsonElement Body, string Text) response, string name) =>
        response.Body.GetProperty("checks").GetProperty(name);

    public static bool HasCheck(this (int Code, JsonElement Body, string Text) response, string name, string status) =>
        response.Body.ValueKind == JsonValueKind.Object
        && response.Body.TryGetProperty("checks", out var checks)
        && checks.TryGetProperty(name, out var check)
        && check.GetProperty("status").GetString() == status;

    public static string? Category(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null;

    public static string? Message(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;
}
