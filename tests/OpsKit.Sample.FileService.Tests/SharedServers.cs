namespace OpsKit.Sample.FileService.Tests;

/// <summary>One PostgreSQL (the app role may read all session stats) and one Redis for the scenarios that stop neither.</summary>
public sealed class SharedServers : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("not started");

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;
        await _postgres.GrantReadAllStatsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServersCollection : ICollectionFixture<SharedServers>
{
    public const string Name = "file service on shared servers";
}
