using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace OpsKit.Benchmarks.Resilience;

/// <summary>
/// Success-path cost of one GET through an HttpClient with OpsKit's pipeline (one endpoint, idle-read timeout off and on)
/// against the same strategies as a Microsoft.Extensions.Http.Resilience handler built by hand. The primary handler
/// answers 200 in memory, so only the handler chain is measured.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class HttpResilienceBenchmarks
{
    private ServiceProvider? _services;
    private HttpClient? _opsKit;
    private HttpClient? _opsKitIdle;
    private HttpClient? _byHand;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpsKit:Resilience:Pipelines:ops:IdleReadTimeout"] = "-00:00:00.001",
                ["OpsKit:Resilience:Pipelines:ops-idle:IdleReadTimeout"] = "00:00:30",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddHttpClient("ops", c => c.BaseAddress = new Uri("http://upstream.test/"))
            .AddOpsResilience("ops")
            .ConfigurePrimaryHttpMessageHandler(() => new OkHandler());
        services.AddHttpClient("ops-idle", c => c.BaseAddress = new Uri("http://upstream.test/"))
            .AddOpsResilience("ops-idle")
            .ConfigurePrimaryHttpMessageHandler(() => new OkHandler());
        services.AddHttpClient("by-hand", c => c.BaseAddress = new Uri("http://upstream.test/"))
            .AddResilienceHandler("by-hand", builder =>
            {
                TimeSpan[] delays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];
                builder
                    .AddTimeout(TimeSpan.FromMinutes(2))
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = delays.Length,
                        DelayGenerator = args => new ValueTask<TimeSpan?>(delays[Math.Min(args.AttemptNumber, delays.Length - 1)]),
                    })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions { FailureRatio = 1, MinimumThroughput = 3, BreakDuration = TimeSpan.FromSeconds(30) })
                    .AddTimeout(TimeSpan.FromSeconds(30));
            });
        services.AddHttpClient("by-hand").ConfigurePrimaryHttpMessageHandler(() => new OkHandler());
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _opsKit = factory.CreateClient("ops");
        _opsKitIdle = factory.CreateClient("ops-idle");
        _byHand = factory.CreateClient("by-hand");
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(Baseline = true)]
    public Task<HttpResponseMessage> MicrosoftResilienceHandlerByHand() => Send(_byHand!);

    [Benchmark]
    public Task<HttpResponseMessage> OpsKitPipeline() => Send(_opsKit!);

    [Benchmark]
    public Task<HttpResponseMessage> OpsKitPipelineWithIdleReadTimeout() => Send(_opsKitIdle!);

    private static async Task<HttpResponseMessage> Send(HttpClient client)
    {
        var response = await client.GetAsync("/items", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.Dispose();
        return response;
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
    }
}
