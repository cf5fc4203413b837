using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Metrics;

namespace OpsKit.Sample.CachingProxy;

/// <summary>
/// Artifact Vault as an OpsKit service: a caching proxy in front of upstream artefact repositories
/// (<c>GET /artifacts/{backend}/{**path}</c>), with one resilient HttpClient per backend, a bounded memory cache for small
/// artefacts, streaming for large ones, and the checks the Artifact Vault troubleshooting guide runs by hand.
/// </summary>
public static class CachingProxyApp
{
    /// <summary>The authorization policy of <c>/ops/caches</c> (named in appsettings.json, <c>OpsKit:Caching:Policy</c>).</summary>
    internal const string OpsPolicy = "ops";

    /// <summary>The name of the cache directory's bound (<c>OpsKit:Caching:Disk:artifact-files</c>, the <c>cache</c> label).</summary>
    public const string DiskCacheName = "artifact-files";

    /// <summary>Builds the application from configuration; <paramref name="configure"/> runs just before <c>Build()</c>.</summary>
    /// <param name="args">Command-line arguments (<c>--key=value</c> overrides appsettings.json).</param>
    /// <param name="configure">Optional last changes to the builder (tests: fake logging, a fake clock).</param>
    /// <returns>The application, endpoints mapped, not started.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var vault = builder.Configuration.GetSection(ArtifactVaultOptions.SectionName).Get<ArtifactVaultOptions>() ?? new ArtifactVaultOptions();
        builder.Services.AddOptions<ArtifactVaultOptions>().BindConfiguration(ArtifactVaultOptions.SectionName);
        var cacheDirectory = Path.GetFullPath(vault.CacheDirectory, builder.Environment.ContentRootPath);

        // The guide's manual checks: ls -la on the cache dir, chmod 750, df -h (> 90 %), ps %mem.
        var health = builder.Services.AddOpsHealth()
            .AddDirectory("cache-dir", cacheDirectory, o =>
            {
                o.Create = true;
                o.Mode = "0750";
            })
            .AddFilePermissions("cache-dir.permissions", cacheDirectory, "0750", critical: false)
            .AddDiskSpace("cache-disk", cacheDirectory, critical: false)
            .AddProcessMemory();

        // One pipeline per backend (OpsKit:Resilience:Pipelines:<backend>): timeouts, retries, breaker, connection pool.
        var backends = new List<string>();
        foreach (var pipeline in builder.Configuration.GetSection("OpsKit:Resilience:Pipelines").GetChildren())
        {
            var backend = pipeline.Key;
            backends.Add(backend);
            builder.Services.AddHttpClient(backend).AddOpsResilience(backend);

            // "curl -v https://archive.apache.org/": the backend's base URL, non-critical, because cached artefacts stay servable.
            if (Uri.TryCreate(pipeline["Endpoints:0:Url"], UriKind.Absolute, out var url))
            {
                health.AddHttpDependency("backend." + backend, url, critical: false);
            }
        }

        builder.Services.AddSingleton(new BackendNames(backends));
        builder.Services.AddOpsMemoryCache(ArtifactProxy.CacheName);

        // The guide's `du -sh` and `find -mtime +30 -delete` by hand: bound the cache directory
        // (OpsKit:Caching:Disk:artifact-files overrides these defaults).
        builder.Services.AddOpsDiskCacheBound(DiskCacheName, cacheDirectory, o =>
        {
            o.MaxBytes = 10L * 1024 * 1024 * 1024;
            o.MaxAge = TimeSpan.FromDays(30);
        });
        builder.Services.AddSingleton<ArtifactVaultMetrics>();
        builder.Services.AddSingleton<ArtifactProxy>();

        builder.Services.AddOpsTelemetry();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ArtifactVaultMetrics.MeterName));

        // Cache stats and clearing for operators on the machine itself (the service listens on 127.0.0.1); a request
        // relayed by a proxy on this host is not one of them.
        builder.Services.AddAuthorizationBuilder().AddPolicy(OpsPolicy, policy => policy.RequireDirectLoopbackCaller());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbidWithoutAuthentication>();

        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseAuthorization();
        app.MapGet("/", () => "Artifact Vault: GET /artifacts/{backend}/{path}; /health/ready, /health, /metrics, /ops/caches");
        app.MapGet("/artifacts/{backend}/{**path}", (HttpContext context, string backend, string path, ArtifactProxy proxy) =>
            proxy.ServeAsync(context, backend, path));
        app.MapOpsHealth();
        app.MapOpsMetrics();
        app.MapOpsCaches();
        return app;
    }
}
