using System.Net.Sockets;
using Npgsql;

namespace OpsKit.Testing.Tests;

internal static class PostgresAssert
{
    /// <summary>Opens a fresh unpooled connection, so no idle pooled connection can hide the server's state.</summary>
    public static async Task<NpgsqlConnection> OpenUnpooledAsync(string connectionString)
    {
        // 15 s: an open started against a frozen server must outlive the tests' 2 s freeze plus their 10 s wait after the thaw.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 15 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task ConnectionRefusedAsync(string connectionString)
    {
        var exception = await Assert.ThrowsAsync<NpgsqlException>(async () =>
        {
            await using var connection = await OpenUnpooledAsync(connectionString);
        });
        var socket = Assert.IsType<SocketException>(exception.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
    }

    public static async Task AnswersAsync(string connectionString)
    {
        await using var connection = await OpenUnpooledAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT 41 + 1", connection);
        Assert.Equal(42, await command.ExecuteScalarAsync());
    }
}
