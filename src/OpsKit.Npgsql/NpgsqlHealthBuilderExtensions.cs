using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsKit.Health;
using OpsKit.Hosting;
using OpsKit.Npgsql;
using OpsKit.Npgsql.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds PostgreSQL checks on the application's own <c>NpgsqlDataSource</c> to the OpsKit health engine.
/// </summary>
public static class NpgsqlHealthBuilderExtensions
{
    /// <summary>
    /// Adds the checks <c>postgres</c> (round trip), <c>postgres.pool</c> (client pool from Npgsql's meter),
    /// <c>postgres.connections</c> (server connections vs <c>max_connections</c>), <c>postgres.transactions</c> (long and
    /// idle-in-transaction sessions) and <c>postgres.replication</c> (replay lag on replicas), all on the
    /// <c>NpgsqlDataSource</c> registered in dependency injection: OpsKit never creates a second pool. Thresholds bind from
    /// <c>OpsKit:Health:Checks:&lt;check name&gt;</c> over the values set in <paramref name="configure"/>. Start-up fails
    /// with a message naming the missing service when no data source is registered.
    /// </summary>
    /// <param name="builder">The OpsKit health builder.</param>
    /// <param name="configure">Names, switches and thresholds in code.</param>
    /// <param name="serviceKey">The key of a keyed <c>NpgsqlDataSource</c>; null for the unkeyed one.</param>
    /// <returns>The builder, to add more checks.</returns>
    public static OpsHealthBuilder AddNpgsql(
        this OpsHealthBuilder builder,
        Action<OpsNpgsqlOptions>? configure = null,
        object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpsNpgsqlOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);

        var target = new PostgresTarget(options.Name, serviceKey, options.PoolName, options.Name);
        var services = builder.Services;
        services.TryAddOpsKitMeter();
        services.AddSingleton(target);
        services.TryAddSingleton<NpgsqlPoolMeter>();
        services.TryAddSingleton<PostgresMetrics>();
        services.TryAddSingleton<PostgresCheckContextFactory>();
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IOpsDiagnosticsSection, PostgresDiagnosticsSection>(),
            ServiceDescriptor.Singleton<IConnectionStringSyntax, NpgsqlConnectionStringSyntax>(),
            ServiceDescriptor.Singleton<IValidateOptions<PostgresCheckOptions>, PostgresOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<PostgresPoolCheckOptions>, PostgresOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<PostgresConnectionsCheckOptions>, PostgresOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<PostgresTransactionsCheckOptions>, PostgresOptionsValidator>(),
            ServiceDescriptor.Singleton<IValidateOptions<PostgresReplicationCheckOptions>, PostgresOptionsValidator>(),
        ]);

        new OpsCheckFamily(builder, "postgres", options.Name, o => ((IPostgresCheckOptions)o).Target = target)
            .AddRoot<PostgresCheck, PostgresCheckOptions>(options.Postgres)

            // Not on postgres: the pool is read without a round trip, and an exhausted pool is why postgres fails.
            .AddMember<PostgresPoolCheck, PostgresPoolCheckOptions>("pool", options.Pool, options.EnablePool, dependsOnRoot: false)
            .AddMember<PostgresConnectionsCheck, PostgresConnectionsCheckOptions>("connections", options.Connections, options.EnableConnections)
            .AddMember<PostgresTransactionsCheck, PostgresTransactionsCheckOptions>("transactions", options.Transactions, options.EnableTransactions)
            .AddMember<PostgresReplicationCheck, PostgresReplicationCheckOptions>("replication", options.Replication, options.EnableReplication);
        return builder;
    }
}
