namespace OpsKit.Resilience.Internal;

/// <summary>An immutable, validated view of one pipeline's options, as the handler and the builders use it.</summary>
internal sealed class PipelineSettings
{
    public PipelineSettings(string name, OpsResiliencePipelineOptions options)
    {
        Name = name;
        Options = options;
        Delays = options.Retry.Delays.Count > 0 ? [.. options.Retry.Delays] : [.. OpsRetryOptions.DefaultDelays];
        var endpoints = new EndpointSettings[Math.Max(1, options.Endpoints.Count)];
        if (options.Endpoints.Count == 0)
        {
            endpoints[0] = new EndpointSettings(0, "default", PipelineNames.EndpointKey(name, "default"), null, options.AttemptTimeout, options.IdleReadTimeout);
        }
        else
        {
            for (var i = 0; i < options.Endpoints.Count; i++)
            {
                var endpoint = options.Endpoints[i];
                var endpointName = endpoint.Name ?? PipelineNames.DefaultEndpointName(i);
                endpoints[i] = new EndpointSettings(
                    i,
                    endpointName,
                    PipelineNames.EndpointKey(name, endpointName),
                    endpoint.Url,
                    endpoint.AttemptTimeout ?? options.AttemptTimeout,
                    endpoint.IdleReadTimeout ?? options.IdleReadTimeout);
            }
        }

        Endpoints = endpoints;
    }

    public string Name { get; }

    public OpsResiliencePipelineOptions Options { get; }

    public TimeSpan[] Delays { get; }

    public EndpointSettings[] Endpoints { get; }

    public EndpointSettings? FindEndpoint(string name) => Array.Find(Endpoints, e => e.Name == name);
}
