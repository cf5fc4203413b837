using Npgsql;

namespace OpsKit.Testing.Tests;

public sealed class PostgresFreezeTests
{
    [Fact]
    public async Task Frozen_postgres_does_not_answer_on_an_open_connection()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var connection = await PostgresAssert.OpenUnpooledAsync(server.AppConnectionString);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());

        await server.FreezeAsync();
        var query = command.ExecuteScalarAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => query.WaitAsync(TimeSpan.FromSeconds(2)));
        await server.ThawAsync();
        Assert.Equal(1, await query.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Thawed_postgres_accepts_new_connections_again()
    {
        await using var server = await PostgresServer.StartAsync();
        await server.FreezeAsync();
        var opening = PostgresAssert.AnswersAsync(server.AppConnectionString);
        await Assert.ThrowsAsync<TimeoutException>(() => opening.WaitAsync(TimeSpan.FromSeconds(2)));

        await server.ThawAsync();

        await opening.WaitAsync(TimeSpan.FromSeconds(10));
        await PostgresAssert.AnswersAsync(server.AppConnectionString);
    }
}
