namespace OpsKit.Testing.Tests;

public sealed class PostgresServerOptionsTests
{
    [Fact]
    public async Task Max_connections_and_extra_settings_are_applied()
    {
        var options = new PostgresServerOptions { MaxConnections = 20 };
        options.Settings["statement_timeout"] = "7s";
        options.Settings["log_line_prefix"] = "it's %p ";
        await using var server = await PostgresServer.StartAsync(options);

        Assert.Equal("20", await server.QueryScalarAdminAsync<string>("SHOW max_connections"));
        Assert.Equal("7s", await server.QueryScalarAdminAsync<string>("SHOW statement_timeout"));
        Assert.Equal("it's %p ", await server.QueryScalarAdminAsync<string>("SHOW log_line_prefix"));
    }
}
