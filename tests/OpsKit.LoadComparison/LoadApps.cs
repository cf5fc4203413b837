using OpsKit.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace OpsKit.LoadComparison;

/// <summary>
/// The app variants under load. <c>opskit</c> and <c>plain</c> have the same three checks (PostgreSQL <c>SELECT 1</c>,
/// Redis PING, an HTTP GET to the upstream stub), each with a 5 s timeout, and serve <c>GET /health/ready</c>;
/// <c>telemetry-on</c>/<c>telemetry-off</c> serve a trivial <c>GET /work</c> with and without <c>AddOpsTelemetry()</c>.
/// Logging is off in every variant so that no variant pays for log lines the other does not write.
/// </summary>
internal static class LoadApps
{
    /// <summary>The check timeout of both health variants (OpsKit's default <c>OpsKit:Health:Timeout</c>).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Printed on stdout with the listening address once the app has started.</summary>
    public const string ListeningPrefix = "LISTENING ";

    public static async Task<int> RunAsync(string variant, string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["OpsKit:Health:ShutdownDelay"] = "00:00:00";
        Action<WebApplication> map = variant switch
        {
            "opskit" => AddOpsKitHealth(builder),
            "plain" => AddPlainHealth(builder),
            "telemetry-on" => AddTrivialEndpoint(builder, telemetry: true),
            "telemetry-off" => AddTrivialEndpoint(builder, telemetry: false),
            _ => throw new ArgumentException($"Unknown variant '{variant}': use opskit, plain, telemetry-on or telemetry-off.", nameof(variant)),
        };

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Urls.First();
        Console.Out.WriteLine(ListeningPrefix + address);
        Console.Out.Flush();

        // The driver stops the app by closing stdin, so an app never outlives a driver that died.
        _ = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is not null)
            {
            }

            app.Lifetime.StopApplication();
        });
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static Action<WebApplication> AddOpsKitHealth(WebApplicationBuilder builder)
    {
        AddClients(builder);
        // Readiness fails on a failed dependency, as the plain app's does (OpsKit's default, Degrade, would answer 200).
        builder.Services.AddOpsHealth(o =>
            {
                o.Timeout = CheckTimeout;
                o.Readiness = CheckReadiness.Required;
            })
            .AddNpgsql(o =>
            {
                // Only the round trip: the plain app has no equivalent of the pool, connections, sessions and replica checks.
                o.EnablePool = false;
                o.EnableConnections = false;
                o.EnableTransactions = false;
                o.EnableReplication = false;
            })
            .AddRedis(o =>
            {
                o.EnableMemory = false;
                o.EnableLocks = false;
            })
            .AddHttpDependency("upstream", Upstream(builder));
        return app => app.MapOpsHealth();
    }

    private static Action<WebApplication> AddPlainHealth(WebApplicationBuilder builder)
    {
        AddClients(builder);
        var upstream = Upstream(builder);
        builder.Services.AddHttpClient(PlainUriCheck.ClientName);
        builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgres", timeout: CheckTimeout)
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), name: "redis", timeout: CheckTimeout)
            .Add(new HealthCheckRegistration(
                "upstream",
                sp => new PlainUriCheck(sp.GetRequiredService<IHttpClientFactory>(), upstream, CheckTimeout),
                failureStatus: null,
                tags: null,
                timeout: CheckTimeout));
        return app => app.MapHealthChecks("/health/ready");
    }

    private static Action<WebApplication> AddTrivialEndpoint(WebApplicationBuilder builder, bool telemetry)
    {
        builder.Services.AddOpsHealth();
        if (telemetry)
        {
            builder.Services.AddOpsTelemetry();
        }

        return app =>
        {
            app.MapGet("/work", () => "done");
            app.MapOpsHealth();
            if (telemetry)
            {
                app.MapOpsMetrics();
            }
        };
    }

    private static void AddClients(WebApplicationBuilder builder)
    {
        var postgres = Required(builder, "Load:Postgres");
        var redis = ConfigurationOptions.Parse(Required(builder, "Load:Redis"));
        redis.AbortOnConnectFail = false;
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
    }

    private static Uri Upstream(WebApplicationBuilder builder) => new(Required(builder, "Load:Upstream"));

    private static string Required(WebApplicationBuilder builder, string key) =>
        builder.Configuration[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"Missing setting --{key}=...");
}
