using OpsKit.Health;
using OpsKit.Hosting.Internal;
using OpsKit.Resilience;
using OpsKit.Resilience.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts an OpsKit resilience pipeline on a named <see cref="HttpClient"/>.
/// </summary>
public static class OpsResilienceHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends the client's requests through the pipeline <paramref name="pipeline"/>
    /// (<c>OpsKit:Resilience:Pipelines:&lt;pipeline&gt;</c>): total timeout → retry → ordered endpoint failover within
    /// each retry round → a circuit breaker per endpoint → attempt timeout. Only idempotent methods (or requests with an
    /// <c>Idempotency-Key</c> header) are retried; streamed bodies get an idle-read timeout; the primary handler is a
    /// <see cref="SocketsHttpHandler"/> with the pipeline's pooling options; the client's own 100 s timeout is replaced
    /// by the pipeline's; and the health check <c>resilience.&lt;pipeline&gt;</c> shows the circuits in readiness.
    /// The pipeline owns the client's resilience: Http.Resilience handlers on the client, such as the standard handler
    /// that <c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c> adds to every client, are
    /// removed; other handlers are kept. A 429 or 503 with <c>Retry-After</c> sets the wait before the next round.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="pipeline">The pipeline's name (<c>[a-z0-9][a-z0-9._-]*</c>).</param>
    /// <param name="configure">Options set in code; configuration values take precedence.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddOpsResilience(this IHttpClientBuilder builder, string pipeline, Action<OpsResiliencePipelineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PipelineNames.ThrowIfInvalid(pipeline);
        var services = builder.Services;
        var catalog = OpsResilienceServiceCollectionExtensions.GetOrAddCatalog(services);
        var added = catalog.AddHttp(pipeline);
        if (configure is not null)
        {
            services.AddOptions<OpsResiliencePipelineOptions>(pipeline).Configure(configure);
        }

        builder.ConfigureHttpClient((sp, client) =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            if (client.BaseAddress is null && sp.GetRequiredService<PipelineOptionsStore>().TryGet(pipeline)?.Endpoints[0].Url is { } primary)
            {
                client.BaseAddress = primary;
            }
        });
        builder.ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var handler = CreatePrimaryHandler(sp.GetRequiredService<PipelineOptionsStore>().TryGet(pipeline));
            // With AddOpsSecuritySignals() registered, outbound TLS validation failures are counted (validation unchanged).
            sp.GetService<IOutboundTlsObserver>()?.Wrap(handler);
            return handler;
        });
        // One resilience layer per client: a standard handler from ConfigureHttpClientDefaults (Aspire ServiceDefaults
        // adds one) would wrap this pipeline, multiply its retries and cut its failover rounds with its own timeouts.
        // Only Http.Resilience's handlers go; the app's other handlers stay. (Marked for evaluation, EXTEXP0001; the
        // tests in tests/OpsKit.Tests/Resilience/StandardHandlerCoexistenceTests.cs pin its behaviour.)
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<FailoverHandler>(sp, pipeline));

        if (added)
        {
            services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((options, sp) =>
            {
                var critical = sp.GetRequiredService<PipelineOptionsStore>().TryGet(pipeline)?.Options.Critical ?? false;
                options.Registrations.Add(new HealthCheckRegistration(
                    CircuitHealthCheck.CheckName(pipeline),
                    s => ActivatorUtilities.CreateInstance<CircuitHealthCheck>(s, pipeline),
                    failureStatus: HealthStatus.Unhealthy,
                    tags: critical ? [OpsHealthTags.Ready] : [OpsHealthTags.Ready, OpsHealthTags.NonCritical]));
            });
        }

        return builder;
    }

    private static SocketsHttpHandler CreatePrimaryHandler(PipelineSettings? settings)
    {
        var connection = settings?.Options.Connection ?? new OpsHttpConnectionOptions();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connection.ConnectTimeout,
            PooledConnectionLifetime = connection.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = connection.PooledConnectionIdleTimeout,
        };
        if (connection.MaxConnectionsPerServer is { } max)
        {
            handler.MaxConnectionsPerServer = max;
        }

        return handler;
    }
}
