using OpsKit.Health;
using StackExchange.Redis;

namespace OpsKit.Sample.Worker;

/// <summary>
/// A queue consumer on the generic host (no web server): jobs from a Redis list, or from an in-process queue when no
/// Redis is configured, with OpsKit's checks and probe ports.
/// </summary>
public static class WorkerApp
{
    /// <summary>Builds the worker; <paramref name="configure"/> lets tests add configuration before the host is built.</summary>
    public static IHost Create(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        configure?.Invoke(builder);

        var health = builder.Services.AddOpsHealth().AddProcessMemory();
        builder.Services.AddOpsProbeListeners();   // TCP and HTTP probe ports from OpsKit:Health:Probes
        builder.Services.AddOpsTelemetry();        // /metrics on the HTTP probe port

        // Redis only when configured (ConnectionStrings:redis); otherwise an in-process queue, so the worker starts anywhere.
        if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } redis)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            health.AddRedis();
            builder.Services.AddSingleton<IJobQueue, RedisJobQueue>();
        }
        else
        {
            builder.Services.AddSingleton<IJobQueue, InProcessJobQueue>();
        }

        builder.Services.AddSingleton<ProcessedJobs>();
        builder.Services.AddHostedService<QueueConsumer>();
        return builder.Build();
    }
}
