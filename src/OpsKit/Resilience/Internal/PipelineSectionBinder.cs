using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Hosting.Internal;

namespace OpsKit.Resilience.Internal;

/// <summary>
/// Binds <c>OpsKit:Resilience:Pipelines:&lt;name&gt;</c> over the values set in code (configuration wins; a list in
/// configuration replaces the list set in code). Unknown keys, e.g. a strategy OpsKit does not have, are errors that
/// name the key.
/// </summary>
internal sealed class PipelineSectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsResiliencePipelineOptions>
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Retry"] = typeof(OpsRetryOptions),
        ["CircuitBreaker"] = typeof(OpsCircuitBreakerOptions),
        ["Connection"] = typeof(OpsHttpConnectionOptions),
        ["Chaos"] = typeof(OpsChaosOptions),
    };

    public void PostConfigure(string? name, OpsResiliencePipelineOptions options)
    {
        if (string.IsNullOrEmpty(name) || configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(PipelineNames.SectionPath(name));
        if (!section.Exists())
        {
            return;
        }

        var unknown = UnknownKeys(section);
        if (EmptyEndpoints(section) is { } emptyEndpoints)
        {
            unknown.Add(emptyEndpoints);
        }

        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(OpsResiliencePipelineOptions), unknown);
        }

        if (section.GetSection("Endpoints").Exists())
        {
            options.Endpoints.Clear();
        }

        if (section.GetSection("Retry:Delays").Exists())
        {
            options.Retry.Delays.Clear();
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key; values here are durations, numbers, flags and URLs without credentials.
            throw new OptionsValidationException(name, typeof(OpsResiliencePipelineOptions), [ex.Message]);
        }
    }

    internal static List<string> UnknownKeys(IConfigurationSection section)
    {
        var errors = new List<string>();
        Collect(section, typeof(OpsResiliencePipelineOptions), errors);
        foreach (var child in section.GetChildren())
        {
            if (Sections.TryGetValue(child.Key, out var type))
            {
                Collect(child, type, errors);
            }
        }

        foreach (var endpoint in section.GetSection("Endpoints").GetChildren())
        {
            Collect(endpoint, typeof(OpsResilienceEndpointOptions), errors);
        }

        return errors;
    }

    /// <summary>
    /// An <c>Endpoints</c> key that configuration sets to an empty list (<c>"Endpoints": []</c> or an empty value) is an
    /// error: the operator meant to list the endpoints, and calling no endpoint at all would fail every request.
    /// (Leaving the key out keeps the endpoints set in code, or the client's base address.)
    /// </summary>
    internal static string? EmptyEndpoints(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "Endpoints", StringComparison.OrdinalIgnoreCase) && !child.GetChildren().Any())
            {
                return $"{child.Path} is empty: list at least one endpoint with a Url (primary first, then backups), or remove the key.";
            }
        }

        return null;
    }

    private static void Collect(IConfigurationSection section, Type type, List<string> errors) =>
        errors.AddRange(ConfigurationKeys.Unknown(section, type));
}
