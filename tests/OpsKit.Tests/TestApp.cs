using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpsKit.Health;

namespace OpsKit.Tests;

/// <summary>A real ASP.NET Core app on Kestrel at 127.0.0.1 with a random port, and a client for it.</summary>
internal sealed partial class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>
    /// Engine settings only the engine's own tests may change (TestApp.Engine.cs); the integration packages' tests, which
    /// see only OpsKit's public API, link this file without that one.
    /// </summary>
    static partial void ConfigureEngine(WebApplicationBuilder builder);

    public static async Task<TestApp> StartAsync(
        Action<WebApplicationBuilder> configure,
        IDictionary<string, string?>? configuration = null,
        string environment = "Production",
        Action<WebApplication>? map = null,
        string? applicationName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = applicationName });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        // Tests stop hosts often: no shutdown delay unless a test asks for one.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpsKit:Health:ShutdownDelay"] = "00:00:00" });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        ConfigureEngine(builder);
        configure(builder);
        var app = builder.Build();
        if (map is null)
        {
            app.MapOpsHealth();
        }
        else
        {
            map(app);
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that failed to start must not live on: its meters would report into other tests' exporters.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(stop.Token);
        await App.DisposeAsync();
    }
}
