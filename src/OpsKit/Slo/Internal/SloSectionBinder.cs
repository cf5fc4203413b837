using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsKit.Hosting.Internal;

namespace OpsKit.Slo.Internal;

/// <summary>
/// Binds each child of <c>OpsKit:Slo</c> over the objective of that name set in code (or a new one). Unknown keys
/// and unparsable values are collected (each naming its key) for the start-up report instead of thrown here.
/// </summary>
internal sealed class SloSectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsSloOptions>
{
    private static readonly Dictionary<string, Type> Nested = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Latency"] = typeof(OpsSloLatencyOptions),
        ["ErrorRate"] = typeof(OpsSloRatioOptions),
        ["Availability"] = typeof(OpsSloRatioOptions),
        ["Errors"] = typeof(OpsSloErrorOptions),
    };

    public void PostConfigure(string? name, OpsSloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (configuration is null)
        {
            return;
        }

        foreach (var child in configuration.GetSection(OpsSloOptions.SectionName).GetChildren())
        {
            var unknown = UnknownKeys(child);
            if (unknown.Count > 0)
            {
                options.BindErrors.AddRange(unknown);
                continue;
            }

            if (!options.Objectives.TryGetValue(child.Key, out var objective) || objective is null)
            {
                objective = new OpsSloObjectiveOptions();
                options.Objectives[child.Key] = objective;
            }

            try
            {
                child.Bind(objective);
            }
            catch (InvalidOperationException ex)
            {
                // The binder's message names the key; SLO values are durations, numbers, flags and routes, never secrets.
                options.BindErrors.Add(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message);
            }
        }
    }

    private static List<string> UnknownKeys(IConfigurationSection objective)
    {
        var errors = new List<string>();
        if (objective.Value is not null && !objective.GetChildren().Any())
        {
            errors.Add($"{objective.Path} must be a section (OpsKit:Slo:<name>:<key>), not a value.");
            return errors;
        }

        Collect(objective, typeof(OpsSloObjectiveOptions), errors);
        foreach (var child in objective.GetChildren())
        {
            if (Nested.TryGetValue(child.Key, out var type))
            {
                Collect(child, type, errors);
                if (type == typeof(OpsSloLatencyOptions))
                {
                    foreach (var percentile in child.GetChildren())
                    {
                        Collect(percentile, typeof(OpsSloLatencyTargetOptions), errors);
                    }
                }
            }
        }

        return errors;
    }

    private static void Collect(IConfigurationSection section, Type type, List<string> errors) =>
        errors.AddRange(ConfigurationKeys.Unknown(section, type));
}
