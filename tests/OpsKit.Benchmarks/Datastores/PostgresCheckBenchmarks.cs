using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsKit.Testing;

namespace OpsKit.Benchmarks.Datastores;

/// <summary>
/// One execution of each OpsKit PostgreSQL check vs Xabaril's <c>AddNpgSql</c> (SELECT 1), on the same data source and
/// a real PostgreSQL server. Checks are created the way the engine creates them (registration factory, per run).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class PostgresCheckBenchmarks
{
    private PostgresServer _server = null!;
    private ServiceProvider _services = null!;
    private Dictionary<string, HealthCheckRegistration> _registrations = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await PostgresServer.StartAsync();
        await _server.GrantReadAllStatsAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        var connectionString = _server.AppConnectionString;
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddOpsHealth().AddNpgsql();
        services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "xabaril");
        _services = services.BuildServiceProvider();
        _registrations = _services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(r => r.Name);
        foreach (var name in _registrations.Keys)
        {
            await RunAsync(name);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<HealthCheckResult> Xabaril_npgsql() => RunAsync("xabaril");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_postgres() => RunAsync("postgres");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_postgres_pool() => RunAsync("postgres.pool");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_postgres_connections() => RunAsync("postgres.connections");

    [Benchmark]
    public Task<HealthCheckResult> OpsKit_postgres_transactions() => RunAsync("postgres.transactions");

    private Task<HealthCheckResult> RunAsync(string name)
    {
        var registration = _registrations[name];
        return registration.Factory(_services).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}
