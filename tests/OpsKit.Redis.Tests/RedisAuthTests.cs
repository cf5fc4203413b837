using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary>A real redis-server with <c>requirepass</c> and an application multiplexer that has the wrong password.</summary>
public sealed class RedisAuthTests
{
    private const string Password = "Rp4-server-pass";

    private const string WrongPassword = "Rp4-wrong-pass";

    [Fact]
    public async Task Wrong_password_is_reported_as_auth_not_connection_refused()
    {
        var settings = new RedisServerOptions();
        settings.Settings["requirepass"] = Password;
        await using var server = await RedisServer.StartAsync(settings);
        await using var app = await TestApp.StartAsync(
            b =>
            {
                var options = RedisApp.Options(server);
                options.Password = WrongPassword;
                // Reconnect attempts every 200 ms, so the check sees a failed attempt soon after its first run.
                options.ReconnectRetryPolicy = new LinearRetry(200);
                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                b.Services.AddOpsHealth().AddRedis(o => o.EnableLocks = false);
            },
            RedisApp.FastPeriods());

        var response = await Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis", "Unhealthy") && r.Check("redis").Category() == "auth",
            TimeSpan.FromSeconds(20),
            "redis reported Unhealthy with category auth");

        Assert.Equal("auth", response.Check("redis").Category());
        Assert.DoesNotContain(WrongPassword, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, response.Text, StringComparison.Ordinal);
    }
}
