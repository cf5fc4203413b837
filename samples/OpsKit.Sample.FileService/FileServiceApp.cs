using Microsoft.AspNetCore.Authentication;
using Npgsql;
using OpsKit.Health;
using OpsKit.Sample.FileService.Internal;
using StackExchange.Redis;

namespace OpsKit.Sample.FileService;

/// <summary>
/// CallFS as an OpsKit sample: a file service that stores files under a storage root, takes a Redis lock per path while
/// writing, records metadata in PostgreSQL and authenticates API keys (<c>Authorization: Bearer &lt;key&gt;</c>).
/// </summary>
public static class FileServiceApp
{
    /// <summary>The Redis key prefix of the per-path write locks.</summary>
    public const string LockPrefix = "callfs:lock:";

    /// <summary>
    /// Builds the application from <paramref name="args"/> and configuration (appsettings.json, environment, command line).
    /// </summary>
    /// <param name="args">Command-line arguments; <c>--key=value</c> overrides any setting.</param>
    /// <param name="configure">Called just before <c>Build()</c> (tests add fake logging or a fake clock here).</param>
    /// <returns>The application, endpoints mapped, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        var configuration = builder.Configuration;

        // WebApplication binds Kestrel's endpoints and certificates from the Kestrel section, never its limits: without
        // this the configured 10 GiB MaxRequestBodySize was silently Kestrel's default 30 MB.
        builder.WebHost.ConfigureKestrel((context, kestrel) => context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));

        services.AddOptions<FileServiceOptions>()
            .BindConfiguration(FileServiceOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.StorageRoot), $"{FileServiceOptions.SectionName}:StorageRoot must be set.")
            .ValidateOnStart();
        var storageRoot = StorageRoot(builder);

        // The application's own PostgreSQL pool and Redis multiplexer: the checks use these, they never open their own.
        // Neither connects here: the app starts (and reports them Unhealthy) while PostgreSQL or Redis is down. Both are
        // created in factories, so a missing or malformed connection string is a start-up error OpsKit reports by key
        // (--opskit-validate included) rather than an exception thrown before the host exists.
        services.AddSingleton(_ => NpgsqlDataSource.Create(configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres must be set.")));
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redis = ConfigurationOptions.Parse(configuration.GetConnectionString("redis")
                ?? throw new InvalidOperationException("ConnectionStrings:redis must be set."));
            redis.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(redis);
        });

        services.AddOpsHealth()
            .AddNpgsql(o => o.EnableReplication = false)                  // postgres, postgres.pool, .connections, .transactions
            .AddRedis(o => o.Locks.LockPatterns = [LockPrefix + "*"])      // redis, redis.memory, redis.locks
            .AddDirectory("storage", storageRoot, o => o.Create = true)    // the storage root exists and is writable
            .AddDiskSpace("disk", storageRoot)                             // the volume under the storage root
            .AddProcessMemory()
            .AddCheck<MetadataCheck>("metadata");                        // the files table is readable; DependsOn postgres
        services.AddOpsRedisLock();
        services.AddOpsTelemetry();

        services.AddOptions<ApiKeyAuthenticationOptions>(ApiKeyAuthenticationOptions.Scheme)
            .Configure<IConfiguration>((o, c) => o.Keys = c.GetSection(ApiKeyAuthenticationOptions.KeysSection).Get<string[]>() ?? []);
        services.AddAuthentication(ApiKeyAuthenticationOptions.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationOptions.Scheme, null);
        services.AddAuthorization();
        services.AddOpsSecuritySignals();

        services.AddSingleton(new FileStore(storageRoot));
        services.AddSingleton<MetadataStore>();
        services.AddHostedService<SchemaInitializer>();

        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "CallFS (OpsKit sample): PUT/GET /files/{path} with Authorization: Bearer <key>; /health, /health/ready, /health/live, /metrics");
        FileEndpoints.Map(app.MapGroup("/files").RequireAuthorization());
        app.MapOpsHealth();
        app.MapOpsMetrics();
        app.MapOpsDiagnostics();   // the evidence of an incident in one request, for operators (docs/troubleshooting.md)
        return app;
    }

    private static string StorageRoot(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{FileServiceOptions.SectionName}:StorageRoot"];
        return string.IsNullOrWhiteSpace(configured)
            ? string.Empty
            : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
    }
}
