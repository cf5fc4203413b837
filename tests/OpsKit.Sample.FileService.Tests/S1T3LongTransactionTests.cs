using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsKit.Npgsql;

namespace OpsKit.Sample.FileService.Tests;

[Collection(SharedServersCollection.Name)]
public sealed class S1T3LongTransactionTests(SharedServers shared, ITestOutputHelper output)
{
    [Fact]
    public async Task S1_T3_long_running_transaction_is_reported_by_pid_without_query_text_and_clears_when_cancelled()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(
            shared.Postgres, shared.Redis, "callfs-s1-t3-long", storage.Path,
            extra: ("OpsKit:Health:Checks:postgres.transactions:LongTransaction", "00:00:05")));
        await using var other = await OpenOnAppDatabaseAsync();
        var pid = other.ProcessID;
        await using (var begin = new NpgsqlCommand("BEGIN", other))
        {
            await begin.ExecuteNonQueryAsync();
        }

        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(30) /* callfs-secret-query */", other);
        var sleeping = sleep.ExecuteNonQueryAsync();
        var longRunning = FaultClock.Start("S1-T3", "long-transaction", TimeSpan.FromSeconds(5) + FaultClock.N, output);
        try
        {
            var response = await longRunning.UntilAsync(
                () => host.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.transactions", "Degraded"),
                "the transaction older than 5 s is reported");
            var data = response.Check("postgres.transactions").GetProperty("data");
            Assert.Equal(1, data.GetProperty("long_running").GetInt32());
            var session = Assert.Single(data.GetProperty("sessions").EnumerateArray());
            Assert.Equal(pid, session.GetProperty("pid").GetInt32());
            Assert.True(session.GetProperty("age_seconds").GetDouble() >= 5);
            var text = response.Json.GetRawText();
            Assert.DoesNotContain("pg_sleep", text, StringComparison.Ordinal);
            Assert.DoesNotContain("callfs-secret-query", text, StringComparison.Ordinal);
        }
        finally
        {
            await shared.Postgres.ExecuteAdminAsync($"SELECT pg_cancel_backend({pid})");
            await Assert.ThrowsAnyAsync<PostgresException>(() => sleeping);
            await using var rollback = new NpgsqlCommand("ROLLBACK", other);
            await rollback.ExecuteNonQueryAsync();
        }

        await FaultClock.Start("S1-T3", "cancelled", FaultClock.N, output).UntilAsync(
            () => host.GetJsonAsync("/health"), r => r.HasCheck("postgres.transactions", "Healthy"), "the cancelled transaction is gone");
    }

    [Fact]
    public async Task S1_T3_idle_in_transaction_variant_is_flagged()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(
            shared.Postgres, shared.Redis, "callfs-s1-t3-idle", storage.Path,
            extra: ("OpsKit:Health:Checks:postgres.transactions:IdleInTransaction", "00:00:01")));
        await using var other = await OpenOnAppDatabaseAsync();
        await using (var command = new NpgsqlCommand("BEGIN; SELECT 1;", other))
        {
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            var response = await FaultClock.Start("S1-T3", "idle-in-transaction", TimeSpan.FromSeconds(1) + FaultClock.N, output).UntilAsync(
                () => host.GetJsonAsync("/health"),
                r => r.HasCheck("postgres.transactions", "Degraded"),
                "the transaction idle for more than 1 s is reported");
            var data = response.Check("postgres.transactions").GetProperty("data");
            Assert.Equal(1, data.GetProperty("idle_in_transaction").GetInt32());
            var session = Assert.Single(data.GetProperty("sessions").EnumerateArray());
            Assert.Equal(other.ProcessID, session.GetProperty("pid").GetInt32());
            Assert.Equal("idle in transaction", session.GetProperty("state").GetString());
        }
        finally
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", other);
            await rollback.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task S1_T3_long_running_threshold_defaults_to_5_minutes()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-s1-t3-default", storage.Path), waitForRedis: false);

        var options = host.Services.GetRequiredService<IOptionsMonitor<PostgresTransactionsCheckOptions>>().Get("postgres.transactions");

        Assert.Equal(TimeSpan.FromMinutes(5), options.LongTransaction);
    }

    /// <summary>A session of another client on the application's database (the superuser, trusted on 127.0.0.1).</summary>
    private async Task<NpgsqlConnection> OpenOnAppDatabaseAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(shared.Postgres.AdminConnectionString)
        {
            Database = shared.Postgres.AppDatabase,
            ApplicationName = "callfs-outside-session",
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
