namespace OpsKit.Telemetry.Internal;

/// <summary>Validates <c>OpsKit:Telemetry</c>; every message names the configuration key.</summary>
internal sealed class OpsTelemetryOptionsValidator : IValidateOptions<OpsTelemetryOptions>
{
    private const string Prefix = OpsTelemetryOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, OpsTelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
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
