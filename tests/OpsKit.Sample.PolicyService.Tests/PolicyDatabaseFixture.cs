using Npgsql;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// One private PostgreSQL server for the whole suite, with the service's <c>policies</c> table created by the
/// application role (the table's owner, as a migration would create it) and three policies: a fast one and two whose
/// SQL takes 300 ms and 600 ms, which is how a policy evaluation gets slow in production.
/// </summary>
public sealed class PolicyDatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("opskit-s3-");

    /// <summary>A fresh path in the suite's temp directory (deleted with the fixture), e.g. for a maintenance flag file.</summary>
    public string TempPath(string name) => Path.Combine(_temp.FullName, $"{Guid.NewGuid():N}-{name}");

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>The application role's connection string with the seed's pool settings.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server.AppConnectionString)
    {
        MaxPoolSize = 20,
        Timeout = 2,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await using var connection = new NpgsqlConnection(Server.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE policies (name text PRIMARY KEY, condition text NOT NULL, enabled boolean NOT NULL DEFAULT true);
            INSERT INTO policies (name, condition) VALUES
              ('admin-only', $$input->>'role' = 'admin'$$),
              ('audit-300ms', $$(SELECT input->>'role' = 'admin' FROM pg_sleep(0.3))$$),
              ('audit-600ms', $$(SELECT input->>'role' = 'admin' FROM pg_sleep(0.6))$$);
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        _temp.Delete(recursive: true);
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
