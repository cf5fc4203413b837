namespace OpsKit.Npgsql.Tests;

/// <summary>One server for the tests that inject no server faults; the app role may read all session stats.</summary>
public sealed class SharedPostgres : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await _server.GrantReadAllStatsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedPostgresCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "shared postgres";
}
