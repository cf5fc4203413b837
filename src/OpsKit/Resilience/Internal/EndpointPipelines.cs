using Polly;
using Polly.Registry;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// Hands out each endpoint's own Polly pipeline (circuit breaker → attempt timeout) from Polly's registry, keyed
/// <c>&lt;pipeline&gt;/&lt;endpoint&gt;</c>, so breakers live as long as the application, not as long as one handler.
/// </summary>
internal sealed class EndpointPipelines
{
    private readonly PipelineOptionsStore _store;
    private readonly ResiliencePipelineRegistry<string> _registry;
    private readonly CircuitStateRegistry _circuits;
    private readonly TimeProvider _timeProvider;
    private readonly Action<ResiliencePipelineBuilder<HttpResponseMessage>, ConfigureBuilderContext<string>> _configure;

    public EndpointPipelines(PipelineOptionsStore store, ResiliencePipelineRegistry<string> registry, CircuitStateRegistry circuits, TimeProvider timeProvider)
    {
        _store = store;
        _registry = registry;
        _circuits = circuits;
        _timeProvider = timeProvider;
        _configure = Configure;
    }

    public ResiliencePipeline<HttpResponseMessage> Get(EndpointSettings endpoint) => _registry.GetOrAddPipeline(endpoint.Key, _configure);

    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ConfigureBuilderContext<string> context)
    {
        var separator = context.PipelineKey.LastIndexOf('/');
        var pipeline = context.PipelineKey[..separator];
        var settings = _store.Get(pipeline);
        var endpoint = settings.FindEndpoint(context.PipelineKey[(separator + 1)..]) ?? settings.Endpoints[0];
        context.AddReloadToken(_store.ReloadToken(pipeline));
        PipelineBuilders.ConfigureHttpEndpoint(builder, settings, endpoint, _circuits, _timeProvider);
    }
}
