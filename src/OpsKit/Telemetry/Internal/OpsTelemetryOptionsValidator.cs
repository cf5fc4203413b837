using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OpsKit.Telemetry.Internal;

/// <summary>Validates <c>OpsKit:Telemetry</c>; every message names the configuration key.</summary>
internal sealed class OpsTelemetryOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<OpsTelemetryOptions>
{
    private const string Prefix = OpsTelemetryOptions.SectionName + ":";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(OpsTelemetryOptions.ServiceName),
        nameof(OpsTelemetryOptions.MetricsPath),
        nameof(OpsTelemetryOptions.HistogramBuckets),
        nameof(OpsTelemetryOptions.ExcludeProbeTraffic),
    };

    public ValidateOptionsResult Validate(string? name, OpsTelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (configuration is not null)
        {
            failures.AddRange(configuration.GetSection(OpsTelemetryOptions.SectionName).GetChildren()
                .Where(child => !KnownKeys.Contains(child.Key))
                .Select(child => $"{child.Path} is not a known key."));

            // The binder silently skips array elements it cannot convert; a typo must not shift the buckets.
            var buckets = configuration.GetSection(OpsTelemetryOptions.SectionName + ":" + nameof(OpsTelemetryOptions.HistogramBuckets));
            failures.AddRange(buckets.GetChildren()
                .SelectMany(instrument => instrument.GetChildren())
                .Where(bound => !double.TryParse(bound.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                .Select(bound => $"{bound.Path} must be a number."));
        }

        if (options.ServiceName is not null && string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add(Prefix + "ServiceName must not be blank; leave it unset to use OTEL_SERVICE_NAME or the application name.");
        }

        if (string.IsNullOrEmpty(options.MetricsPath))
        {
            failures.Add(Prefix + "MetricsPath is required.");
        }
        else if (!options.MetricsPath.StartsWith('/'))
        {
            failures.Add(Prefix + "MetricsPath must start with '/'.");
        }

        foreach (var (instrument, bounds) in options.HistogramBuckets ?? new Dictionary<string, double[]>())
        {
            var key = $"{Prefix}HistogramBuckets:{instrument}";
            if (bounds is null || bounds.Length == 0)
            {
                failures.Add(key + " must list at least one bucket boundary.");
            }
            else if (bounds.Any(b => !double.IsFinite(b)))
            {
                failures.Add(key + " must contain finite numbers only.");
            }
            else if (!IsStrictlyIncreasing(bounds))
            {
                failures.Add(key + " must be strictly increasing.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsStrictlyIncreasing(double[] bounds)
    {
        for (var i = 1; i < bounds.Length; i++)
        {
            if (bounds[i] <= bounds[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
