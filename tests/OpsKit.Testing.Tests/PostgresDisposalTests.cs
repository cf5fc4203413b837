using OpsKit.Testing.Internal;

namespace OpsKit.Testing.Tests;

public sealed class PostgresDisposalTests
{
    [Fact]
    public async Task Disposed_postgres_leaves_no_process_and_no_directory()
    {
        var server = await PostgresServer.StartAsync();
        await using (var open = await PostgresAssert.OpenUnpooledAsync(server.AppConnectionString))
        {
            var postmaster = Assert.NotNull(server.ProcessId);
            var tree = ProcessTable.Descendants(postmaster).Append(postmaster).ToList();
            Assert.Contains(tree, ProcessTable.IsAlive);

            await server.DisposeAsync();

            // "Alive" excludes zombies: the postmaster was daemonised, so init reaps it, not us.
            Assert.DoesNotContain(tree, ProcessTable.IsAlive);
        }

        Assert.False(Directory.Exists(server.RootDirectory));
    }

    [Fact]
    public async Task Disposing_a_frozen_postgres_stops_it()
    {
        var server = await PostgresServer.StartAsync();
        var postmaster = Assert.NotNull(server.ProcessId);
        await server.FreezeAsync();

        await server.DisposeAsync();

        Assert.False(ProcessTable.IsAlive(postmaster));
        Assert.False(Directory.Exists(server.RootDirectory));
    }
}
