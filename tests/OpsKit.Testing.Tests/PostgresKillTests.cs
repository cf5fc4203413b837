namespace OpsKit.Testing.Tests;

public sealed class PostgresKillTests
{
    [Fact]
    public async Task Killed_postgres_refuses_connections_and_leaves_no_backend()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var open = await PostgresAssert.OpenUnpooledAsync(server.AppConnectionString);
        var postmaster = Assert.NotNull(server.ProcessId);
        var tree = Internal.ProcessTable.Descendants(postmaster).Append(postmaster).ToList();

        await server.KillAsync();

        Assert.DoesNotContain(tree, Internal.ProcessTable.IsAlive);
        await PostgresAssert.ConnectionRefusedAsync(server.AppConnectionString);
    }

    [Fact]
    public async Task Killed_postgres_starts_again_on_the_same_port()
    {
        await using var server = await PostgresServer.StartAsync();
        var port = server.Port;
        await server.KillAsync();

        await server.StartAgainAsync();

        Assert.Equal(port, server.Port);
        await PostgresAssert.AnswersAsync(server.AppConnectionString);
    }
}
