using static OpsKit.Rules.Generator.TestSeries;

namespace OpsKit.Rules.Generator;

/// <summary>Rules on the instruments of the OpsKit.Npgsql package: client pool and server connections.</summary>
public static class NpgsqlAlertRules
{
    private const string PostgresPoolUsage = "opskit_postgres_pool_utilization";
    private const string PostgresConnectionsUsage = "opskit_postgres_connections_utilization";
    private const string PostgresPoolExhausted = "opskit_postgres_pool_exhausted_total";

    /// <summary>The <c>opskit.npgsql</c> group.</summary>
    public static readonly RuleGroup Alerts = new(
        "opskit.npgsql",
        [],
        [
            new(
                "OpsKitPostgresPoolUsageHigh",
                $"{PostgresPoolUsage} > 0.80",
                "5m",
                "warning",
                "PostgreSQL client pool of {{ $labels.instance }} is more than 80 % busy",
                "{{ $labels.job }} uses more than 80 % of its Npgsql Maximum Pool Size; requests will soon wait for connections.")
            {
                Test = new(
                    [($"{PostgresPoolUsage}{{{App}}}", "0.9x20")],
                    [($"{PostgresPoolUsage}{{{App}}}", "0.3x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
            new(
                "OpsKitPostgresConnectionsHigh",
                $"{PostgresConnectionsUsage} > 0.80",
                "5m",
                "warning",
                "PostgreSQL {{ $labels.database }} is above 80 % of max_connections",
                "The server behind {{ $labels.job }} has more than 80 % of max_connections in use; new connections will be refused soon.")
            {
                Test = new(
                    [($"{PostgresConnectionsUsage}{{{App},database=\"orders\"}}", "0.85x20")],
                    [($"{PostgresConnectionsUsage}{{{App},database=\"orders\"}}", "0.4x20")],
                    [("job", "api"), ("instance", "api-0:8080"), ("database", "orders")]),
            },
            new(
                "OpsKitPostgresPoolExhausted",
                $"increase({PostgresPoolExhausted}[5m]) > 0",
                "5m",
                "critical",
                "{{ $labels.instance }} runs out of PostgreSQL connections",
                "Requests of {{ $labels.job }} timed out waiting for a pooled connection in the last 5 minutes.")
            {
                Test = new(
                    [($"{PostgresPoolExhausted}{{{App}}}", "0+1x20")],
                    [($"{PostgresPoolExhausted}{{{App}}}", "3x20")],
                    [("job", "api"), ("instance", "api-0:8080")]),
            },
        ]);
}
