using Npgsql;
using OpsKit.Health;

namespace OpsKit.Npgsql.Internal;

/// <summary>
/// What every PostgreSQL check shares: the application's data source, its pool as Npgsql's meter reports it, and one
/// way to take a connection that turns an acquire timeout into <c>pool_exhausted</c> (counted) and answers before the
/// engine's hard timeout, so no exception escapes and no run is abandoned while the pool is merely full.
/// </summary>
internal sealed class PostgresCheckContext
{
    // Part of the check's timeout a run may spend; the rest is margin for Npgsql's own cancellation.
    private const double BudgetShare = 0.75;

    private readonly NpgsqlPoolMeter _poolMeter;
    private readonly PostgresMetrics _metrics;

    public PostgresCheckContext(
        IServiceProvider services,
        OpsHealthCheckOptions options,
        NpgsqlPoolMeter poolMeter,
        PostgresMetrics metrics,
        IOptions<OpsHealthOptions> engine)
    {
        Target = ((IPostgresCheckOptions)options).Target ?? PostgresTarget.Default;
        DataSource = Target.DataSource.Resolve(services);
        _poolMeter = poolMeter;
        _metrics = metrics;
        Budget = (options.Timeout ?? engine.Value.Timeout) * BudgetShare;
    }

    public PostgresTarget Target { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>How long a run may take before it reports <c>timeout</c> (or <c>pool_exhausted</c>) itself.</summary>
    public TimeSpan Budget { get; }

    public PoolReading ReadPool() => _poolMeter.Read(Target.PoolName ?? DataSource.ConnectionString);

    /// <summary>Runs <paramref name="body"/> on a pooled connection within <see cref="Budget"/>.</summary>
    public async Task<HealthCheckResult> RunAsync(
        Func<NpgsqlConnection, CancellationToken, Task<HealthCheckResult>> body,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Budget);
        NpgsqlConnection connection;
        try
        {
            connection = await DataSource.OpenConnectionAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (IsPoolExhausted(ex))
        {
            return Exhausted(ReadPool(), ex);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Waiting on a full pool until the deadline is exhaustion too: the hard timeout would otherwise hide it.
            var pool = ReadPool();
            return pool.IsFull ? Exhausted(pool, ex) : TimedOut(ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name, ex);
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await body(connection, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return TimedOut(ex);
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy(ex.GetType().Name, ex);
            }
        }
    }

    /// <summary>Runs <paramref name="sql"/>, a query of one row, as <see cref="RunAsync"/> does, and judges its row.</summary>
    public Task<HealthCheckResult> QueryRowAsync(string sql, Func<NpgsqlDataReader, HealthCheckResult> judge, CancellationToken cancellationToken) =>
        RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                await reader.ReadAsync(token).ConfigureAwait(false);
                return judge(reader);
            },
            cancellationToken);

    private HealthCheckResult Exhausted(PoolReading pool, Exception inner)
    {
        _metrics.RecordExhausted(Target);
        var message = pool.Found
            ? string.Create(CultureInfo.InvariantCulture, $"no connection from the client pool within {Budget.TotalMilliseconds:0} ms ({pool.Busy} of {pool.Max} busy)")
            : string.Create(CultureInfo.InvariantCulture, $"no connection from the client pool within {Budget.TotalMilliseconds:0} ms");
        return HealthCheckResult.Unhealthy(
            message,
            new HealthCheckFailureException(HealthErrorCategories.PoolExhausted, message, inner));
    }

    private HealthCheckResult TimedOut(Exception inner)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"no answer from PostgreSQL within {Budget.TotalMilliseconds:0} ms");
        return HealthCheckResult.Unhealthy(message, new HealthCheckFailureException(HealthErrorCategories.Timeout, message, inner));
    }

    private static bool IsPoolExhausted(NpgsqlException exception) =>
        exception.InnerException is TimeoutException
        && exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal);
}
