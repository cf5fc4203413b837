using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OpsKit.Hosting.Internal;

namespace OpsKit.Probes.Internal;

/// <summary>
/// The HTTP probe port: a minimal Kestrel application (routing only, no MVC) whose endpoints are those the capabilities
/// register as <see cref="IListenerEndpoints"/>, resolved from the application's services.
/// </summary>
internal sealed class HttpProbeListener(IServiceProvider services, IHostEnvironment environment, ILoggerFactory loggers) : IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = environment.ApplicationName,
            EnvironmentName = environment.EnvironmentName,
            ContentRootPath = environment.ContentRootPath,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, ListenerLifetime>();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));

        // One line per probe request at Information would drown the worker's own logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        var endpoints = new ForwardingEndpointRouteBuilder(app, services);
        foreach (var capability in services.GetServices<IListenerEndpoints>())
        {
            capability.Map(endpoints);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
