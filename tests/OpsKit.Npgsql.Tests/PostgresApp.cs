using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsKit.Npgsql;
using OpsKit.Testing.Shared;

namespace OpsKit.Npgsql.Tests;

/// <summary>A real Kestrel app with the app's own NpgsqlDataSource and AddNpgsql(), checks every second.</summary>
internal static class PostgresApp
{
    public static Dictionary<string, string?> FastPeriods(params (string Key, string? Value)[] extra)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Details"] = "Always",
            // These tests are about the checks' own results: a down PostgreSQL fails readiness as in the seed scenarios.
            // The default (200 Degraded) is tested in OpsKit.Npgsql.Tests/ReadinessDefaultTests.cs.
            ["OpsKit:Health:Readiness"] = "Required",
        };
        foreach (var (key, value) in extra)
        {
            configuration[key] = value;
        }

        return configuration;
    }

    /// <summary>
    /// The app's connection string with a unique Application Name, so this app's pool has its own name in Npgsql's
    /// meter and its sessions can be counted in pg_stat_activity.
    /// </summary>
    public static string ConnectionString(PostgresServer server, string applicationName, int maxPoolSize = 10, int timeoutSeconds = 15) =>
        new NpgsqlConnectionStringBuilder(server.AppConnectionString)
        {
            ApplicationName = applicationName,
            MaxPoolSize = maxPoolSize,
            Timeout = timeoutSeconds,
        }.ConnectionString;

    public static Task<TestApp> StartAsync(
        string connectionString,
        Action<OpsNpgsqlOptions>? configure = null,
        Dictionary<string, string?>? configuration = null) =>
        TestApp.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                b.Services.AddOpsHealth().AddNpgsql(configure);
                InFlightChecks.AddTo(b.Services);
            },
            configuration ?? FastPeriods());

    public static JsonElement Check(this (int Code, JsonElement Body, string Text) response, string name) =>
        response.Body.GetProperty("checks").GetProperty(name);

    public static bool HasCheck(this (int Code, JsonElement Body, string Text) response, string name, string status) =>
        response.Body.ValueKind == JsonValueKind.Object
        && response.Body.TryGetProperty("checks", out var checks)
        && checks.TryGetProperty(name, out var check)
        && check.GetProperty("status").GetString() == status;

    public static string? Category(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null;

    public static async Task<long> SessionsOfAsync(PostgresServer server, string applicationName)
    {
        await using var connection = await server.OpenAdminConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.AddWithValue(applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
