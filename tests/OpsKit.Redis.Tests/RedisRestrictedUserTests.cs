using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OpsKit.Redis.Tests;

/// <summary>
/// <c>redis.memory</c> for an application user whose real ACL (on a private redis-server) denies scripting and admin
/// commands, on a multiplexer without allowAdmin, as production apps run.
/// </summary>
public sealed class RedisRestrictedUserTests
{
    private const string User = "orders-app";

    private const string Password = "Rp5-acl-user-pass";

    [Fact]
    public async Task Memory_check_reads_used_memory_without_scripting_or_admin_and_names_what_it_could_not_read()
    {
        await using var server = await RedisServer.StartAsync();
        await CreateUserAsync(server, "-@scripting", "-@admin");
        await using var app = await StartAsync(server);

        var response = await MemoryCheckIsAsync(app, "Healthy");

        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("memory_stats", data.GetProperty("source").GetString());
        Assert.True(data.GetProperty("used").GetInt64() > 0);
        Assert.Equal(["max", "policy"], data.GetProperty("unreadable").EnumerateArray().Select(e => e.GetString()));
        Assert.False(data.TryGetProperty("max", out _));
        Assert.Contains("max, policy", response.Check("redis.memory").GetProperty("description").GetString(), StringComparison.Ordinal);
        // The script was tried and the server's ACL, not the client, refused it.
        Assert.Contains("eval", await AclLogAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_check_falls_back_to_memory_stats_when_the_acl_denies_info_inside_scripts()
    {
        await using var server = await RedisServer.StartAsync();
        await CreateUserAsync(server, "-@dangerous", "-@admin");
        await using var app = await StartAsync(server, allowAdmin: true);

        var response = await MemoryCheckIsAsync(app, "Healthy");

        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("memory_stats", data.GetProperty("source").GetString());
        Assert.True(data.GetProperty("used").GetInt64() > 0);
        Assert.Equal(["max", "policy"], data.GetProperty("unreadable").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Memory_check_is_degraded_and_says_so_when_the_acl_leaves_it_nothing_to_read()
    {
        await using var server = await RedisServer.StartAsync();
        await CreateUserAsync(server, "-@scripting", "-@admin", "-memory");
        await using var app = await StartAsync(server);

        var response = await MemoryCheckIsAsync(app, "Degraded");

        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("none", data.GetProperty("source").GetString());
        Assert.Equal(["used", "max", "policy"], data.GetProperty("unreadable").EnumerateArray().Select(e => e.GetString()));
        Assert.True(response.HasCheck("redis", "Healthy"));
    }

    [Fact]
    public async Task Memory_check_reads_info_through_the_multiplexer_when_it_allows_admin()
    {
        await using var server = await RedisServer.StartAsync();
        await CreateUserAsync(server, "-@scripting");
        await using var app = await StartAsync(server, allowAdmin: true);

        var response = await MemoryCheckIsAsync(app, "Healthy");

        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("info", data.GetProperty("source").GetString());
        Assert.Equal(0, data.GetProperty("max").GetInt64());
        Assert.Equal("noeviction", data.GetProperty("policy").GetString());
        Assert.False(data.TryGetProperty("unreadable", out _));
    }

    [Fact]
    public async Task Memory_check_reads_info_in_a_script_when_scripting_is_allowed_and_admin_is_not()
    {
        await using var server = await RedisServer.StartAsync();
        await CreateUserAsync(server, "-@admin");
        await using var app = await StartAsync(server);

        var response = await MemoryCheckIsAsync(app, "Healthy");

        var data = response.Check("redis.memory").GetProperty("data");
        Assert.Equal("script", data.GetProperty("source").GetString());
        Assert.Equal("noeviction", data.GetProperty("policy").GetString());
    }

    // Waits until redis.memory has the status and has published its data; returns that /health answer.
    private static Task<(int Code, JsonElement Body, string Text)> MemoryCheckIsAsync(TestApp app, string status) =>
        Eventually.Until(
            () => app.Client.GetJsonAsync("/health"),
            r => r.HasCheck("redis.memory", status) && r.Check("redis.memory").TryGetProperty("data", out _),
            TimeSpan.FromSeconds(10),
            $"redis.memory is {status} with the data the ACL lets it read");

    private static async Task CreateUserAsync(RedisServer server, params string[] denied)
    {
        object[] rule = ["SETUSER", User, "on", ">" + Password, "~*", "&*", "+@all", .. denied];
        await server.ExecuteAsync("ACL", rule);
        // The default user keeps its rights for the fixture's own admin connection; the app may not use it.
        Assert.Equal("OK", (string?)await server.ExecuteAsync("ACL", "DRYRUN", User, "PING"));
    }

    private static async Task<string> AclLogAsync(RedisServer server)
    {
        var entries = (RedisResult[])(await server.ExecuteAsync("ACL", "LOG"))!;
        return string.Join('\n', entries.SelectMany(e => (RedisResult[])e!).Select(v => v.ToString()));
    }

    private static async Task<TestApp> StartAsync(RedisServer server, bool allowAdmin = false)
    {
        var app = await TestApp.StartAsync(
            b =>
            {
                var options = RedisApp.Options(server);
                options.User = User;
                options.Password = Password;
                options.AllowAdmin = allowAdmin;
                b.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
                b.Services.AddOpsHealth().AddRedis(o =>
                {
                    o.Memory.RequireMaxMemory = false;
                    o.EnableLocks = false;
                });
            },
            RedisApp.FastPeriods());
        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.Until(() => multiplexer.IsConnected, TimeSpan.FromSeconds(20), "the app's multiplexer connects");
        return app;
    }
}
