using Npgsql;

namespace OpsKit.Testing.Tests;

public sealed class PostgresServerTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private PostgresServer Server => fixture.Server;

    [Fact]
    public async Task App_role_is_not_a_superuser()
    {
        await using var connection = await PostgresAssert.OpenUnpooledAsync(Server.AppConnectionString);
        await using var command = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection);

        Assert.Equal(false, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task App_role_is_rejected_with_a_wrong_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(Server.AppConnectionString) { Password = "not-the-password" };

        var exception = await Assert.ThrowsAsync<PostgresException>(() => PostgresAssert.OpenUnpooledAsync(wrong.ConnectionString));

        Assert.Equal(PostgresErrorCodes.InvalidPassword, exception.SqlState);
    }

    [Fact]
    public async Task App_role_is_rejected_without_a_password()
    {
        var none = new NpgsqlConnectionStringBuilder(Server.AppConnectionString) { Password = null };

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => PostgresAssert.OpenUnpooledAsync(none.ConnectionString));
    }

    [Fact]
    public async Task App_role_owns_the_app_database()
    {
        await using var connection = await PostgresAssert.OpenUnpooledAsync(Server.AppConnectionString);
        await using var command = new NpgsqlCommand(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()", connection);

        Assert.Equal(Server.AppUser, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Admin_queries_run_as_the_superuser()
    {
        var super = await Server.QueryScalarAdminAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");

        Assert.True(super);
    }

    [Fact]
    public async Task Admin_statements_change_the_server()
    {
        await Server.ExecuteAdminAsync("CREATE TABLE admin_statement_probe (id int); INSERT INTO admin_statement_probe VALUES (7);");

        Assert.Equal(7, await Server.QueryScalarAdminAsync<int>("SELECT id FROM admin_statement_probe"));
    }

    [Fact]
    public async Task Admin_connection_is_a_separate_backend_the_app_can_see()
    {
        await Server.GrantReadAllStatsAsync();
        await using var admin = await Server.OpenAdminConnectionAsync();
        await using (var hold = new NpgsqlCommand("SET application_name = 'held-by-test'", admin))
        {
            await hold.ExecuteNonQueryAsync();
        }

        await using var app = await PostgresAssert.OpenUnpooledAsync(Server.AppConnectionString);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'held-by-test'", app);

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Server_listens_on_loopback_with_fsync_off()
    {
        Assert.Equal("127.0.0.1", await Server.QueryScalarAdminAsync<string>("SHOW listen_addresses"));
        Assert.Equal("off", await Server.QueryScalarAdminAsync<string>("SHOW fsync"));
    }
}
