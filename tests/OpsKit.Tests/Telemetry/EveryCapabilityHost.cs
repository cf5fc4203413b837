using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsKit.Hosting;
using StackExchange.Redis;

namespace OpsKit.Tests.Telemetry;

/// <summary>
/// A host with every capability of OpsKit, OpsKit.Npgsql and OpsKit.Redis (datastores on closed loopback ports), and
/// the instruments it publishes on the OpsKit meter, measured or not.
/// </summary>
internal static class EveryCapabilityHost
{
    public static async Task<List<Instrument>> PublishedInstrumentsAsync()
    {
        IServiceCollection? opsKitServices = null;
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=docs;Database=docs;Timeout=1"));
                builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(
                    new ConfigurationOptions { EndPoints = { "127.0.0.1:1" }, AbortOnConnectFail = false, ConnectTimeout = 200 }));
                builder.Services.AddOpsHealth()
                    .AddDiskSpace("data", Path.GetTempPath())
                    .AddProcessMemory()
                    .AddNpgsql()
                    .AddRedis();
                builder.Services.AddOpsTelemetry();
                builder.Services.AddOpsRedisLock();
                builder.Services.AddOpsRedisRateLimiter("api");
                builder.Services.AddOpsMemoryCache("products", o => o.SizeLimit = 100);
                builder.Services.AddOpsDiskCacheBound("artifacts", Path.Combine(Path.GetTempPath(), "opskit-docs-" + Guid.NewGuid().ToString("N")), o => o.MaxBytes = 1);
                builder.Services.AddOpsResilience("gateway", _ => { });
                builder.Services.AddOpsSecuritySignals();
                builder.Services.AddOpsSlo();
                opsKitServices = builder.Services;
            },
            new Dictionary<string, string?> { ["OpsKit:Slo:api:Preset"] = "web-api" },
            map: a =>
            {
                a.MapOpsHealth();
                a.MapOpsMetrics();
            });

        // Instruments are created by the capabilities' singletons: resolve every OpsKit singleton once.
        foreach (var descriptor in opsKitServices!.ToList().Where(IsOpsKitSingleton))
        {
            try
            {
                _ = app.Services.GetServices(descriptor.ServiceType).ToList();
            }
            catch (InvalidOperationException)
            {
                // Services that need something this host lacks; the metrics singletons need nothing.
            }
        }

        var meter = app.Services.GetRequiredService<OpsKitMeter>().Meter;
        var published = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    published.Add(instrument);
                }
            };
            listener.Start();
        }

        return published;
    }

    /// <summary>"counter", "histogram" or "gauge", as Prometheus types the instrument.</summary>
    public static string Kind(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return "counter";
        }

        return definition == typeof(Histogram<>) ? "histogram" : "gauge";
    }

    private static bool IsOpsKitSingleton(ServiceDescriptor descriptor) =>
        descriptor is { Lifetime: ServiceLifetime.Singleton, IsKeyedService: false }
        && !descriptor.ServiceType.ContainsGenericParameters
        && (descriptor.ServiceType.Namespace?.StartsWith("OpsKit", StringComparison.Ordinal) ?? false);
}
