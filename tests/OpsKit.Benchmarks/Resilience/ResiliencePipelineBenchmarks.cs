using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace OpsKit.Benchmarks.Resilience;

/// <summary>
/// Success-path cost of one call through a pipeline declared in OpsKit configuration, against the same strategies
/// (total timeout → retry with the seed's delay list → breaker → attempt timeout) built by hand with Polly, both through
/// Polly's DI registry (same telemetry) and with a bare builder.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ResiliencePipelineBenchmarks
{
    private ServiceProvider? _services;
    private ResiliencePipeline _opsKit = ResiliencePipeline.Empty;
    private ResiliencePipeline _pollyDi = ResiliencePipeline.Empty;
    private ResiliencePipeline _pollyBare = ResiliencePipeline.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpsKit:Resilience:Pipelines:bench:Critical"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddOpsResilience();
        services.AddResiliencePipeline("by-hand", builder => ByHand(builder));
        _services = services.BuildServiceProvider();
        var provider = _services.GetRequiredService<ResiliencePipelineProvider<string>>();
        _opsKit = provider.GetPipeline("bench");
        _pollyDi = provider.GetPipeline("by-hand");
        _pollyBare = ByHand(new ResiliencePipelineBuilder()).Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(Baseline = true)]
    public ValueTask<int> PollyByHandThroughDi() => _pollyDi.ExecuteAsync(static _ => ValueTask.FromResult(42));

    [Benchmark]
    public ValueTask<int> OpsKitFromConfiguration() => _opsKit.ExecuteAsync(static _ => ValueTask.FromResult(42));

    [Benchmark]
    public ValueTask<int> PollyByHandBare() => _pollyBare.ExecuteAsync(static _ => ValueTask.FromResult(42));

    private static ResiliencePipelineBuilder ByHand(ResiliencePipelineBuilder builder)
    {
        TimeSpan[] delays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];
        return builder
            .AddTimeout(TimeSpan.FromMinutes(2))
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = delays.Length,
                DelayGenerator = args => new ValueTask<TimeSpan?>(delays[Math.Min(args.AttemptNumber, delays.Length - 1)]),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(TimeSpan.FromSeconds(30));
    }
}
