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

        builder.AddCheck<PostgresCheck, PostgresCheckOptions>(
            "postgres", options.Name, o => Link(options.Postgres.CopyTo(o), target));
        if (options.EnablePool)
        {
            builder.AddCheck<PostgresPoolCheck, PostgresPoolCheckOptions>(
                "postgres.pool", options.Name + ".pool", o => Link(options.Pool.CopyTo(o), target));
        }

        if (options.EnableConnections)
        {
            builder.AddCheck<PostgresConnectionsCheck, PostgresConnectionsCheckOptions>(
                "postgres.connections", options.Name + ".connections", o => DependOn(Link(options.Connections.CopyTo(o), target), options.Name));
        }

        if (options.EnableTransactions)
        {
            builder.AddCheck<PostgresTransactionsCheck, PostgresTransactionsCheckOptions>(
                "postgres.transactions", options.Name + ".transactions", o => DependOn(Link(options.Transactions.CopyTo(o), target), options.Name));
        }

        if (options.EnableReplication)
        {
            builder.AddCheck<PostgresReplicationCheck, PostgresReplicationCheckOptions>(
                "postgres.replication", options.Name + ".replication", o => DependOn(Link(options.Replication.CopyTo(o), target), options.Name));
        }

        return builder;
    }

    /// <summary>
    /// The check depends on the connectivity check unless configured otherwise: one alert when the server is down. Not
    /// <c>postgres.pool</c>: it reads the client pool without a round trip, and an exhausted pool is why <c>postgres</c>
    /// fails, not the other way round.
    /// </summary>
    private static TOptions DependOn<TOptions>(TOptions options, string root)
        where TOptions : OpsHealthCheckOptions
    {
        options.DependsOn ??= [root];
        return options;
    }

    private static TOptions Link<TOptions>(TOptions options, PostgresTarget target)
        where TOptions : IPostgresCheckOptions
    {
        options.Target = target;
        return options;
    }
}
