using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// The HTTP side of a pipeline. Polly runs the rounds (total timeout → retry); inside one round this handler walks the
/// endpoint list in order, and each endpoint attempt runs through that endpoint's own Polly pipeline (circuit breaker →
/// attempt timeout). So a dead primary costs one failed attempt per round, none once its circuit is open, and the
/// retry delays apply between rounds, not between endpoints.
/// </summary>
internal sealed class FailoverHandler(
    string pipelineName,
    PipelineOptionsStore store,
    ResiliencePipelineProvider<string> provider,
    EndpointPipelines endpointPipelines,
    ResilienceMetrics metrics,
    TimeProvider timeProvider,
    ILogger<FailoverHandler> logger) : DelegatingHandler
{
    private ResiliencePipeline<HttpResponseMessage>? _rounds;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rounds = _rounds ??= provider.GetPipeline<HttpResponseMessage>(pipelineName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PipelineBuilders.RequestKey, request);
        context.Properties.Set(PipelineBuilders.StartedKey, timeProvider.GetTimestamp());
        try
        {
            var outcome = await rounds.ExecuteOutcomeAsync(
                static (ctx, state) => state.Handler.SendRoundAsync(ctx, state.Request, state.Original),
                context,
                (Handler: this, Request: request, Original: request.RequestUri)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> SendRoundAsync(ResilienceContext context, HttpRequestMessage request, Uri? original)
    {
        var settings = store.Get(pipelineName);
        var endpoints = settings.Endpoints;
        Exception? earlierFailure = null;
        string? pathBelowBase = null;
        for (var i = 0; original is not null && pathBelowBase is null && i < endpoints.Length; i++)
        {
            pathBelowBase = endpoints[i].PathBelowBase(original);
        }

        for (var i = 0; i < endpoints.Length; i++)
        {
            var endpoint = endpoints[i];
            if (original is not null)
            {
                request.RequestUri = endpoint.Rebase(original, pathBelowBase);
            }

            var outcome = await SendToEndpointAsync(context, request, endpoint).ConfigureAwait(false);
            if (!HttpTransience.IsTransient(outcome, context.CancellationToken))
            {
                if (outcome.Result is { Content: { } content } response && endpoint.IdleReadTimeout != Timeout.InfiniteTimeSpan)
                {
                    response.Content = new IdleTimeoutContent(content, endpoint.IdleReadTimeout, timeProvider);
                }

                return outcome;
            }

            var last = i == endpoints.Length - 1;
            var mayFailOver = HttpTransience.NeverSent(outcome.Exception)
                || HttpTransience.MaySendAgain(request, settings.Options.Retry.RetryNonIdempotent);
            if (last || !mayFailOver)
            {
                // Report a real failure rather than "circuit open" when an earlier endpoint produced one.
                return outcome.Exception is BrokenCircuitException && earlierFailure is not null
                    ? Outcome.FromException<HttpResponseMessage>(earlierFailure)
                    : outcome;
            }

            if (outcome.Exception is { } exception and not BrokenCircuitException)
            {
                earlierFailure = exception;
            }

            if (outcome.Exception is not BrokenCircuitException)
            {
                Log.FailingOver(logger, pipelineName, endpoint.Name, Reason(outcome));
            }

            outcome.Result?.Dispose();
            metrics.Failover(pipelineName, endpoint.Name);
        }

        // Unreachable: the loop returns at the last endpoint.
        return Outcome.FromException<HttpResponseMessage>(new InvalidOperationException("No endpoint configured."));
    }

    private async ValueTask<Outcome<HttpResponseMessage>> SendToEndpointAsync(ResilienceContext round, HttpRequestMessage request, EndpointSettings endpoint)
    {
        var pipeline = endpointPipelines.Get(endpoint);
        var attempt = ResilienceContextPool.Shared.Get(round.CancellationToken);
        try
        {
            return await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendInnerAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome the strategies judge.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                attempt,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(attempt);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static string Reason(in Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : "HTTP " + ((int)outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
