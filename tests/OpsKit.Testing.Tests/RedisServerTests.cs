using StackExchange.Redis;

namespace OpsKit.Testing.Tests;

public sealed class RedisServerTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private RedisServer Server => fixture.Server;

    [Fact]
    public async Task Client_sets_and_gets_through_the_connection_string()
    {
        await using var client = await ConnectionMultiplexer.ConnectAsync(Server.ConnectionString);
        var db = client.GetDatabase();

        await db.StringSetAsync("set-and-get", "value");

        Assert.Equal("value", await db.StringGetAsync("set-and-get"));
    }

    [Fact]
    public void Configuration_does_not_abort_on_connect_failure_and_takes_the_timeout()
    {
        var options = Server.Configuration(TimeSpan.FromMilliseconds(750));

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(750, options.ConnectTimeout);
        Assert.Equal(Server.ConnectionString, Assert.Single(options.EndPoints).ToString());
    }

    [Fact]
    public async Task Admin_commands_run_through_the_fixture()
    {
        await Server.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");

        var reply = await Server.ExecuteAsync("CONFIG", "GET", "maxmemory-policy");

        Assert.Equal("allkeys-lru", ((string?[]?)reply)?[1]);
    }

    [Fact]
    public async Task Server_listens_on_loopback_without_persistence()
    {
        var bind = await Server.ExecuteAsync("CONFIG", "GET", "bind");
        var save = await Server.ExecuteAsync("CONFIG", "GET", "save");

        Assert.Equal("127.0.0.1", ((string?[]?)bind)?[1]);
        Assert.Equal(string.Empty, ((string?[]?)save)?[1]);
    }
}
