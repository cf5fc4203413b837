using System.Diagnostics;
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

    // When a run answers whether or not PostgreSQL has: after the budget (a pool wait that ends at the budget is still
    // reported as pool_exhausted) and before the engine's hard timeout.
    private const double AnswerShare = 0.9;

    private readonly NpgsqlPoolMeter _poolMeter;
    private readonly PostgresMetrics _metrics;
    private readonly TimeSpan _answerBy;

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
        var timeout = options.Timeout ?? engine.Value.Timeout;
        Budget = timeout * BudgetShare;
        _answerBy = timeout * AnswerShare;
    }

    public PostgresTarget Target { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>How long a run may take before it reports <c>timeout</c> (or <c>pool_exhausted</c>) itself.</summary>
    public TimeSpan Budget { get; }

    public PoolReading ReadPool() => _poolMeter.Read(Target.PoolName ?? DataSource.ConnectionString);

    /// <summary>
    /// Takes a pooled connection within <see cref="Budget"/>, then runs <paramref name="body"/> on it, synchronously
    /// and on a thread of its own, with commands (<see cref="PostgresSession.Command"/>) that time out when the budget
    /// ends, and answers <c>timeout</c> itself if PostgreSQL has not answered shortly after.
    /// </summary>
    /// <remarks>
    /// Npgsql cancels a query by sending PostgreSQL a cancel request over a new connection, and does that
    /// synchronously: a blocking connect, negotiation, write and read, on whichever thread notices the cancellation or
    /// the timeout. On a frozen or overloaded server that thread waits with it, and when several checks time out at
    /// once, a thread-pool thread each, every request of the app waits too, probes included (docs/reliability.md). A
    /// query that runs synchronously on a thread of its own keeps all of that off the thread pool. Taking the
    /// connection stays asynchronous: cancelling it sends no cancel request. The run answers by 90 % of the check's
    /// timeout whether or not PostgreSQL has, so a frozen server is a timeout the check reports, not a run the engine
    /// abandons; until that work ends, later runs of the check report the same timeout without starting more (one
    /// thread and one connection per check at most).
    /// </remarks>
    public async Task<HealthCheckResult> RunAsync(string check, Func<PostgresSession, HealthCheckResult> body, CancellationToken cancellationToken)
    {
        if (Target.QueriesStillRunning(check) is { } runningFor)
        {
            return TimedOut(new TimeoutException(string.Create(
                CultureInfo.InvariantCulture, $"the queries of an earlier run have been waiting {runningFor.TotalSeconds:0} s for PostgreSQL")));
        }

        var work = RunOnceAsync(body, cancellationToken);
        Target.TrackQueries(check, work);
        try
        {
            return await work.WaitAsync(_answerBy, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            return TimedOut(ex);
        }
    }

    private async Task<HealthCheckResult> RunOnceAsync(Func<PostgresSession, HealthCheckResult> body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Budget);
        NpgsqlConnection connection;
        try
        {
            // Npgsql honours the token while it waits for a pooled connection, not while it negotiates a new one with a
            // frozen server (that waits for the connection string's Timeout): RunAsync does not wait for that.
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

        var session = new PostgresSession(connection, Budget - Stopwatch.GetElapsedTime(started));
        return await Task.Factory.StartNew(
            () =>
            {
                using (connection)
                {
                    try
                    {
                        return body(session);
                    }
                    catch (Exception ex) when (IsTimeout(ex))
                    {
                        return TimedOut(ex);
                    }
                    catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
                    {
                        return HealthCheckResult.Unhealthy(ex.GetType().Name, ex);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
    }

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

    /// <summary>A command that ran out of its budget: Npgsql reports it as a timeout, possibly wrapped.</summary>
    private static bool IsTimeout(Exception exception) =>
        exception is TimeoutException || exception.InnerException is TimeoutException;

    private static bool IsPoolExhausted(NpgsqlException exception) =>
        exception.InnerException is TimeoutException
        && exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal);
}
