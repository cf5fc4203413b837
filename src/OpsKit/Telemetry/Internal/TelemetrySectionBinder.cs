using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OpsKit.Telemetry.Internal;

/// <summary>
/// Binds <c>OpsKit:Telemetry</c> after code configuration, so configuration wins. A bucket list in configuration
/// replaces the one set in code for that instrument instead of being appended to it.
/// </summary>
internal sealed class TelemetrySectionBinder(IConfiguration? configuration = null) : IPostConfigureOptions<OpsTelemetryOptions>
{
    public void PostConfigure(string? name, OpsTelemetryOptions options)
    {
        if (configuration is null || name != Options.DefaultName)
        {
            return;
        }

        var section = configuration.GetSection(OpsTelemetryOptions.SectionName);
        if (!section.Exists())
        {
            return;
        }

        var buckets = section.GetSection(nameof(OpsTelemetryOptions.HistogramBuckets));
        foreach (var instrument in buckets.GetChildren())
        {
            options.HistogramBuckets.Remove(instrument.Key);
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key; telemetry values are paths, names and numbers, never secrets.
            throw new OptionsValidationException(name, typeof(OpsTelemetryOptions), [ex.Message]);
        }
    }
}
