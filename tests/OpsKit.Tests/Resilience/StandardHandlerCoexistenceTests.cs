using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using static OpsKit.Tests.Resilience.ResilienceTestHost;

namespace OpsKit.Tests.Resilience;

/// <summary>
/// An OpsKit client in an app whose <c>ConfigureHttpClientDefaults</c> adds Http.Resilience's standard handler to every
/// client, registered first, as Aspire's ServiceDefaults does.
/// </summary>
public sealed class StandardHandlerCoexistenceTests
{
    [Fact]
    public async Task The_upstream_sees_the_pipelines_attempts_once_and_the_apps_own_handlers_stay()
    {
        const string pipeline = "aspire-attempts";
        await using var stub = await StubServer.StartAsync();
        stub.Status = 503;
        var outer = new AttemptCounter();
        var inner = new AttemptCounter();
        using var services = Build(
            Config(pipeline, stub.Url, "00:00:00.010", "00:00:00.010"),
            pipeline,
            s => s.ConfigureHttpClientDefaults(b =>
            {
                b.AddStandardResilienceHandler();
                b.AddHttpMessageHandler(() => outer);
            }),
            c => c.AddHttpMessageHandler(() => inner));
        using var client = services.Client(pipeline);

        using var response = await client.GetAsync("/status");

        Assert.Equal(503, (int)response.StatusCode);
        // OpsKit's policy: one attempt and two retries. Stacked under the standard handler's three retries it would be 12.
        Assert.Equal(3, stub.Hits("/status"));
        Assert.Equal(3, inner.Total);
        Assert.Equal(1, outer.Total);
        Assert.DoesNotContain(HandlerChain(services, pipeline), h => h is ResilienceHandler);
    }

    [Fact]
    public void Clients_without_an_OpsKit_pipeline_keep_the_standard_handler()
    {
        using var services = Build(
            Config("aspire-other", new Uri("http://127.0.0.1:9/"), "00:00:00.010"),
            "aspire-other",
            s =>
            {
                s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
                s.AddHttpClient("plain");
            });

        Assert.Contains(HandlerChain(services, "plain"), h => h is ResilienceHandler);
        Assert.DoesNotContain(HandlerChain(services, "aspire-other"), h => h is ResilienceHandler);
    }

    [Fact]
    public async Task Failover_rounds_run_longer_than_the_standard_handlers_attempt_and_total_timeouts()
    {
        const string pipeline = "aspire-rounds";
        await using var backup = await StubServer.StartAsync();
        backup.Status = 503;
        backup.FailuresLeft = 3;
        using var primary = new ClosedPort();
        var config = Config(pipeline, primary.Url, "00:00:00.150", "00:00:00.150", "00:00:00.150");
        config[Key(pipeline, "Endpoints:1:Url")] = backup.Url.ToString();
        using var services = Build(
            config,
            pipeline,
            s => s.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
            {
                // The standard 10 s and 30 s, shrunk so that the test stays short: any stacking would cut the call at 250 ms.
                o.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(100);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMilliseconds(250);
            })));
        using var client = services.Client(pipeline);
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync("/flaky");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(4, backup.Hits("/flaky"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), $"four rounds with three 150 ms delays took {watch.Elapsed}");
    }

    private static Dictionary<string, string?> Config(string pipeline, Uri endpoint, params string[] delays)
    {
        var config = new Dictionary<string, string?>
        {
            [Key(pipeline, "Endpoints:0:Url")] = endpoint.ToString(),
            [Key(pipeline, "CircuitBreaker:Enabled")] = "false",
        };
        for (var i = 0; i < delays.Length; i++)
        {
            config[Key(pipeline, $"Retry:Delays:{i}")] = delays[i];
        }

        return config;
    }

    private static List<HttpMessageHandler> HandlerChain(IServiceProvider services, string client)
    {
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client);
            handler is not null;
            handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler);
        }

        return chain;
    }
}
