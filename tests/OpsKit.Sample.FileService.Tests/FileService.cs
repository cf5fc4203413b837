using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>Starts the CallFS sample (its own <c>FileServiceApp.Create</c>) on real servers with checks every second.</summary>
internal static class FileService
{
    public const string ApiKey = "test-callfs-key-4b1d9e0a7c55";

    /// <summary>
    /// Settings as an operator would pass them: the connection strings (a unique Application Name per test, Maximum Pool
    /// Size 10), the storage root, one API key, and the scenario harness' timing (period 1 s, timeout 2 s, details always).
    /// </summary>
    public static Dictionary<string, string?> Settings(
        PostgresServer postgres, RedisServer redis, string applicationName, string storageRoot, int maxPoolSize = 10, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = PostgresConnectionString(postgres, applicationName, maxPoolSize),
            ["ConnectionStrings:redis"] = RedisConnectionString(redis),
            ["CallFS:StorageRoot"] = storageRoot,
            ["Authentication:ApiKeys:0"] = ApiKey,
            ["OpsKit:Health:Period"] = "00:00:01",
            ["OpsKit:Health:Timeout"] = "00:00:02",
            ["OpsKit:Health:Details"] = "Always",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string PostgresConnectionString(PostgresServer server, string applicationName, int maxPoolSize = 10) =>
        new NpgsqlConnectionStringBuilder(server.AppConnectionString)
        {
            ApplicationName = applicationName,
            MaxPoolSize = maxPoolSize,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>S1-T4's client settings: ConnectTimeout 1000 ms and 1 s command timeouts.</summary>
    public static string RedisConnectionString(RedisServer server) =>
        $"{server.ConnectionString},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000";

    /// <summary>Starts the sample and waits until its Redis multiplexer is connected (a loaded machine can miss the first 1 s connect).</summary>
    public static async Task<SampleHost> StartAsync(Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null, bool waitForRedis = true)
    {
        var host = await SampleHost.StartAsync(args => FileServiceApp.Create(args, configure), settings);
        if (waitForRedis)
        {
            var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
            await Eventually.Until(() => multiplexer.IsConnected, TimeSpan.FromSeconds(20), "the sample's multiplexer connects");
        }

        return host;
    }

    public static async Task<HttpResponseMessage> SendAsync(this SampleHost host, HttpMethod method, string path, string? authorization, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await host.Client.SendAsync(request);
    }

    public static JsonElement Check(this (HttpStatusCode Status, JsonElement Json) response, string name) =>
        response.Json.GetProperty("checks").GetProperty(name);

    public static bool HasCheck(this (HttpStatusCode Status, JsonElement Json) response, string name, string status) =>
        response.Json.ValueKind == JsonValueKind.Object
        && response.Json.TryGetProperty("checks", out var checks)
        && checks.TryGetProperty(name, out var check)
        && check.GetProperty("status").GetString() == status;

    public static string? Category(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("category").GetString() : null;

    public static string? Message(this JsonElement check) =>
        check.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() : null;

    public static async Task<double?> MetricAsync(this SampleHost host, string metric, params string[] labels) =>
        SampleHost.MetricValue(await host.ScrapeAsync(), metric, labels);

    public static async Task<long> SessionsOfAsync(PostgresServer server, string applicationName)
    {
        await using var connection = await server.OpenAdminConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.AddWithValue(applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
