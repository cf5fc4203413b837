using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Simmy;
using Polly.Timeout;

namespace OpsKit.Resilience.Internal;

/// <summary>Turns validated settings into Polly strategies; the only place that knows the strategy order.</summary>
internal static class PipelineBuilders
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("OpsKit.Resilience.Request");

    /// <summary>When the call started (<see cref="TimeProvider.GetTimestamp"/>), to know what is left of the total timeout.</summary>
    public static readonly ResiliencePropertyKey<long> StartedKey = new("OpsKit.Resilience.Started");

    /// <summary>
    /// A general-purpose named pipeline: total timeout → retry → circuit breaker → attempt timeout → chaos.
    /// </summary>
    public static void ConfigureGeneric(ResiliencePipelineBuilder builder, PipelineSettings settings, CircuitStateRegistry circuits, TimeProvider timeProvider)
    {
        var options = settings.Options;
        builder.TimeProvider = timeProvider;
        AddTotalTimeout(builder, options);
        if (options.Retry.Enabled)
        {
            var retry = new RetryStrategyOptions();
            ApplyRetry(retry, settings);
            builder.AddRetry(retry);
        }

        if (options.CircuitBreaker.Enabled)
        {
            var breaker = new CircuitBreakerStrategyOptions();
            ApplyBreaker(breaker, options.CircuitBreaker);
            circuits.Set(settings.Name, "default", breaker.StateProvider!);
            builder.AddCircuitBreaker(breaker);
        }

        builder.AddTimeout(options.AttemptTimeout);
        if (options.Chaos.Enabled)
        {
            AddChaos(builder, options.Chaos);
        }
    }

    /// <summary>
    /// The outer part of an HTTP pipeline: total timeout → retry (rounds over the endpoint list). A 429 or 503 with
    /// <c>Retry-After</c> sets the wait before the next round, capped at the retry's maximum delay; when that wait would
    /// outlast the total timeout, the response is returned instead of retried.
    /// </summary>
    public static void ConfigureHttpRounds(ResiliencePipelineBuilder<HttpResponseMessage> builder, PipelineSettings settings, TimeProvider timeProvider)
    {
        var options = settings.Options;
        builder.TimeProvider = timeProvider;
        AddTotalTimeout(builder, options);
        if (options.Retry.Enabled)
        {
            var allowNonIdempotent = options.Retry.RetryNonIdempotent;
            var maxDelay = options.Retry.MaxDelay;
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                // An open circuit on every endpoint fails fast: that is what the breakers are for.
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is not BrokenCircuitException
                    && HttpTransience.IsTransient(args.Outcome, args.Context.CancellationToken)
                    && args.Context.Properties.TryGetValue(RequestKey, out var request)
                    && HttpTransience.MaySendAgain(request, allowNonIdempotent)
                    && (RetryAfter.Requested(args.Outcome.Result, timeProvider) is not { } wait
                        || !args.Context.Properties.TryGetValue(StartedKey, out var started)
                        || RetryAfter.FitsTotalTimeout(wait, maxDelay, options.Timeout, timeProvider.GetElapsedTime(started)))),
            };
            ApplyRetry(retry, settings);
            var backoff = retry.DelayGenerator;
            retry.DelayGenerator = args => RetryAfter.Requested(args.Outcome.Result, timeProvider) is { } wait
                ? new ValueTask<TimeSpan?>(RetryAfter.Cap(wait, maxDelay))
                : backoff?.Invoke(args) ?? new ValueTask<TimeSpan?>((TimeSpan?)null);
            builder.AddRetry(retry);
        }
    }

    /// <summary>The inner part of an HTTP pipeline, one per endpoint: circuit breaker → attempt timeout → chaos.</summary>
    public static void ConfigureHttpEndpoint(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        PipelineSettings settings,
        EndpointSettings endpoint,
        CircuitStateRegistry circuits,
        TimeProvider timeProvider)
    {
        var options = settings.Options;
        builder.TimeProvider = timeProvider;
        if (options.CircuitBreaker.Enabled)
        {
            var breaker = new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => new ValueTask<bool>(HttpTransience.IsFailure(args.Outcome, args.Context.CancellationToken)),
            };
            ApplyBreaker(breaker, options.CircuitBreaker);
            circuits.Set(settings.Name, endpoint.Name, breaker.StateProvider!);
            builder.AddCircuitBreaker(breaker);
        }

        builder.AddTimeout(endpoint.AttemptTimeout);
        var chaos = options.Chaos;
        if (chaos.Enabled)
        {
            if (chaos.OutcomeRate > 0)
            {
                var status = (System.Net.HttpStatusCode)chaos.StatusCode;
                builder.AddChaosOutcome(chaos.OutcomeRate, () => new HttpResponseMessage(status));
            }

            AddChaos(builder, chaos);
        }
    }

    private static void AddTotalTimeout<TBuilder>(TBuilder builder, OpsResiliencePipelineOptions options)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.Timeout, Name = "TotalTimeout" });
        }
    }

    private static void AddChaos<TBuilder>(TBuilder builder, OpsChaosOptions chaos)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        if (chaos.FaultRate > 0)
        {
            builder.AddChaosFault(chaos.FaultRate, static () => new HttpRequestException(HttpRequestError.ConnectionError, "Chaos: injected fault."));
        }

        if (chaos.LatencyRate > 0)
        {
            builder.AddChaosLatency(chaos.LatencyRate, chaos.Latency);
        }
    }

    private static void ApplyRetry<T>(RetryStrategyOptions<T> retry, PipelineSettings settings)
    {
        var options = settings.Options.Retry;
        if (string.Equals(options.Backoff, "List", StringComparison.OrdinalIgnoreCase))
        {
            var delays = settings.Delays;
            retry.MaxRetryAttempts = options.MaxRetryAttempts ?? delays.Length;
            retry.BackoffType = DelayBackoffType.Constant;
            retry.Delay = delays.Length > 0 ? delays[0] : TimeSpan.Zero;
            retry.UseJitter = false;
            retry.DelayGenerator = args => new ValueTask<TimeSpan?>(delays[Math.Min(args.AttemptNumber, delays.Length - 1)]);
        }
        else
        {
            retry.MaxRetryAttempts = options.MaxRetryAttempts ?? 3;
            retry.BackoffType = Enum.Parse<DelayBackoffType>(options.Backoff, ignoreCase: true);
            retry.Delay = options.BaseDelay;
            retry.UseJitter = options.UseJitter;
        }

        retry.MaxDelay = options.MaxDelay;
    }

    private static void ApplyBreaker<T>(CircuitBreakerStrategyOptions<T> breaker, OpsCircuitBreakerOptions options)
    {
        // "N consecutive failures": every call in the window failed, and at least N were made.
        breaker.FailureRatio = 1.0;
        breaker.MinimumThroughput = options.FailureThreshold;
        breaker.SamplingDuration = options.SamplingDuration;
        breaker.BreakDuration = options.BreakDuration;
        breaker.StateProvider = new CircuitBreakerStateProvider();
    }
}
