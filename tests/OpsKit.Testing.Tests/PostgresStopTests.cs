namespace OpsKit.Testing.Tests;

public sealed class PostgresStopTests
{
    [Fact]
    public async Task Stopped_postgres_refuses_connections()
    {
        await using var server = await PostgresServer.StartAsync();

        await server.StopAsync();

        await PostgresAssert.ConnectionRefusedAsync(server.AppConnectionString);
    }

    [Fact]
    public async Task Stopped_postgres_starts_again_on_the_same_port_with_its_data()
    {
        await using var server = await PostgresServer.StartAsync();
        var port = server.Port;
        await server.ExecuteAdminAsync("CREATE TABLE survives_restart (id int); INSERT INTO survives_restart VALUES (1);");
        await server.StopAsync();

        await server.StartAgainAsync();

        Assert.Equal(port, server.Port);
        Assert.Equal(1, await server.QueryScalarAdminAsync<int>("SELECT id FROM survives_restart"));
        await PostgresAssert.AnswersAsync(server.AppConnectionString);
    }

    [Fact]
    public async Task Restarted_postgres_answers_from_a_new_postmaster()
    {
        await using var server = await PostgresServer.StartAsync();
        var before = server.ProcessId;

        await server.RestartAsync();

        Assert.NotEqual(before, server.ProcessId);
        await PostgresAssert.AnswersAsync(server.AppConnectionString);
    }
}
