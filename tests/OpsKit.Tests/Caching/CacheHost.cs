using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpsKit.Caching.Internal;

namespace OpsKit.Tests.Caching;

/// <summary>A started generic host with OpsKit caches, a fake clock, and helpers to read a cache's counters.</summary>
internal sealed class CacheHost : IAsyncDisposable
{
    private CacheHost(IHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<CacheHost> StartAsync(Action<IServiceCollection> configure, IDictionary<string, string?>? configuration = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        configure(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new CacheHost(host, time);
    }

    public IMemoryCache Cache(string name) => Services.GetRequiredKeyedService<IMemoryCache>(name);

    public CacheStats Stats(string name) => Services.GetRequiredKeyedService<OpsMemoryCache>(name).GetStats();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
