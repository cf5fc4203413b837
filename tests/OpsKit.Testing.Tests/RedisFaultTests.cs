using StackExchange.Redis;

namespace OpsKit.Testing.Tests;

public sealed class RedisFaultTests
{
    [Fact]
    public async Task Stopped_redis_refuses_connections()
    {
        await using var server = await RedisServer.StartAsync();

        await server.StopAsync();

        var exception = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectStrictAsync(server));
        Assert.Equal(ConnectionFailureType.UnableToConnect, exception.FailureType);
    }

    [Fact]
    public async Task Stopped_redis_starts_again_on_the_same_port()
    {
        await using var server = await RedisServer.StartAsync();
        var port = server.Port;
        await server.StopAsync();

        await server.StartAgainAsync();

        Assert.Equal(port, server.Port);
        await using var client = await ConnectStrictAsync(server);
        await client.GetDatabase().PingAsync();
    }

    [Fact]
    public async Task Killed_redis_refuses_connections_and_its_process_is_gone()
    {
        await using var server = await RedisServer.StartAsync();
        var pid = Assert.NotNull(server.ProcessId);

        await server.KillAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"));
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectStrictAsync(server));
    }

    [Fact]
    public async Task Killed_redis_starts_again_and_admin_commands_work()
    {
        await using var server = await RedisServer.StartAsync();
        await server.KillAsync();

        await server.StartAgainAsync();

        Assert.Equal("PONG", (string?)await server.ExecuteAsync("PING"));
    }

    [Fact]
    public async Task Frozen_redis_does_not_answer_ping_on_an_open_connection()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await ConnectStrictAsync(server);
        var db = client.GetDatabase();
        await db.PingAsync();

        await server.FreezeAsync();
        var ping = db.PingAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => ping.WaitAsync(TimeSpan.FromSeconds(2)));
        await server.ThawAsync();
        await ping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Client_reconnects_by_itself_after_a_restart()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await ConnectionMultiplexer.ConnectAsync(server.Configuration(TimeSpan.FromSeconds(1)));
        var db = client.GetDatabase();
        await db.PingAsync();

        await server.RestartAsync();

        await Eventually.Until(
            async () => (await db.PingAsync()) >= TimeSpan.Zero,
            TimeSpan.FromSeconds(15),
            "the client pings the restarted server");
    }

    [Fact]
    public async Task Disposed_redis_leaves_no_process_and_no_directory()
    {
        var server = await RedisServer.StartAsync();
        var pid = Assert.NotNull(server.ProcessId);
        Assert.True(File.Exists(Path.Combine(server.RootDirectory, "redis.pid")));

        await server.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.False(Directory.Exists(server.RootDirectory));
    }

    [Fact]
    public async Task Disposing_a_frozen_redis_stops_it()
    {
        var server = await RedisServer.StartAsync();
        var pid = Assert.NotNull(server.ProcessId);
        await server.FreezeAsync();

        await server.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"));
    }

    private static Task<ConnectionMultiplexer> ConnectStrictAsync(RedisServer server)
    {
        var options = server.Configuration(TimeSpan.FromSeconds(2));
        options.AbortOnConnectFail = true;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
