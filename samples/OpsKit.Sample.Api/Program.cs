using Npgsql;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

// Only what exists on any machine: a data directory and the disk under the content root, and process memory.
var dataDirectory = Path.Combine(builder.Environment.ContentRootPath, "data");
var health = builder.Services.AddOpsHealth()
    .AddDirectory("data", dataDirectory, o => o.Create = true)
    .AddDiskSpace("disk", builder.Environment.ContentRootPath, critical: false)
    .AddProcessMemory();

// PostgreSQL and Redis only when configured (ConnectionStrings:postgres / ConnectionStrings:redis).
if (builder.Configuration.GetConnectionString("postgres") is { Length: > 0 } postgres)
{
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
    health.AddNpgsql();
}

if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } redis)
{
    // Parsed in the factory, so a malformed connection string is a start-up error reported by key.
    builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
    {
        var redisOptions = ConfigurationOptions.Parse(redis);
        redisOptions.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(redisOptions);
    });
    health.AddRedis();
}

builder.Services.AddOpsTelemetry();               // OpenTelemetry metrics, Prometheus text at /metrics

var app = builder.Build();

app.MapGet("/", () => "OpsKit sample: see /health/live, /health/ready, /health/startup and /health");
app.MapOpsHealth();
app.MapOpsMetrics();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the sample's tests.</summary>
public partial class Program;
