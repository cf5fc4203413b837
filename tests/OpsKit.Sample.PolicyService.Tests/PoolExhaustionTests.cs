using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// S3-T4 "Too many connections" / pool exhaustion with the seed's <c>Maximum Pool Size=20;Timeout=2</c>: the test holds
/// connections of the sample's own <see cref="NpgsqlDataSource"/>, as leaked or long requests would.
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class PoolExhaustionTests(PolicyDatabaseFixture database, ITestOutputHelper output)
{
    private const string TimeoutsMetric = "db_client_connection_npgsql_timeouts";

    [Fact]
    public async Task S3_T4_seventeen_of_twenty_is_degraded_a_21st_acquire_fails_after_about_2_s_and_release_recovers()
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            // 17 of 20 busy: 0.85 ≥ 0.8 → postgres.pool Degraded within N, readiness still 200.
            await HoldAsync(dataSource, held, 17);
            var pool = await FaultClock.Start("S3-T4", "seventeen-held", FaultClock.N, output).UntilAsync(
                () => PolicyHost.CheckAsync(host, "postgres.pool"),
                c => c.GetProperty("status").GetString() == "Degraded" && c.GetProperty("data").GetProperty("busy").GetInt32() >= 17,
                "postgres.pool is Degraded with 17 busy");
            Assert.Equal(20, pool.GetProperty("data").GetProperty("max").GetInt32());
            Assert.True(pool.GetProperty("data").GetProperty("usage").GetDouble() >= 0.85, pool.ToString());
            Assert.Equal("threshold", pool.GetProperty("error").GetProperty("category").GetString());
            Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health/ready"));

            // 20 of 20 busy, then a 21st acquire: Npgsql's pool-exhausted error after about Timeout=2 s, counted by
            // Npgsql's acquire-timeout counter (exported on /metrics by AddOpsTelemetry, without the pool-name label: the
            // sample has one pool).
            await HoldAsync(dataSource, held, 3);
            var timeoutsBefore = SampleHost.MetricSum(await host.ScrapeAsync(), TimeoutsMetric + "_total");
            var clock = Stopwatch.StartNew();
            var failure = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
            clock.Stop();
            Assert.StartsWith("The connection pool has been exhausted", failure.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5) && clock.Elapsed < TimeSpan.FromSeconds(6), $"failed after {clock.Elapsed.TotalSeconds:0.00} s");
            var timeoutsAfter = SampleHost.MetricSum(await host.ScrapeAsync(), TimeoutsMetric + "_total");
            // Exactly one: OpsKit's checks give up on a full pool at 75 % of their 2 s timeout, before Npgsql's own 2 s.
            Assert.True(timeoutsAfter - timeoutsBefore == 1, $"{TimeoutsMetric}: {timeoutsBefore} → {timeoutsAfter}");

            // The pool check reads the pool from Npgsql's meter before acquiring anything: it answers promptly with the
            // numbers instead of timing out on its own acquire; OpsKit's other checks count pool_exhausted.
            var full = await Eventually.Until(
                () => PolicyHost.CheckAsync(host, "postgres.pool"),
                c => c.GetProperty("data").GetProperty("busy").GetInt32() == 20,
                TimeSpan.FromSeconds(4),
                "postgres.pool reports 20 busy");
            Assert.NotEqual("timeout", full.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null);
            // An acquire on the full pool would give up after 75 % of the 2 s timeout (1.5 s): below that bound the check
            // did not wait on the pool. (It reads the meter in milliseconds; a loaded machine can stretch that, not to 1.5 s.)
            Assert.True(full.GetProperty("durationMs").GetDouble() < 1500, full.ToString());
            await Eventually.Until(
                () => PolicyHost.CheckAsync(host, "postgres"),
                c => c.GetProperty("error").GetProperty("category").GetString() == "pool_exhausted",
                TimeSpan.FromSeconds(6),
                "the round-trip check reports pool_exhausted");
            // Polled: a scrape within 300 ms of the previous one is answered from the exporter's cache.
            await Eventually.Until(
                host.ScrapeAsync,
                m => SampleHost.MetricValue(m, "opskit_postgres_pool_exhausted_total") >= 1,
                TimeSpan.FromSeconds(2),
                "opskit_postgres_pool_exhausted_total counts the failed acquire");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        // Released: Healthy again within N, readiness 200.
        await FaultClock.Start("S3-T4", "released", FaultClock.N, output).UntilAsync(
            () => PolicyHost.CheckAsync(host, "postgres.pool"),
            c => c.GetProperty("status").GetString() == "Healthy",
            "postgres.pool is Healthy after release");
        await PolicyHost.WaitUntilReadyAsync(host);
    }

    private static async Task HoldAsync(NpgsqlDataSource dataSource, List<NpgsqlConnection> held, int count)
    {
        for (var i = 0; i < count; i++)
        {
            held.Add(await dataSource.OpenConnectionAsync());
        }
    }
}
