namespace OpsKit.Caching.Internal;

/// <summary>Validates each cache's options; every message names the configuration key.</summary>
internal sealed class OpsMemoryCacheOptionsValidator : IValidateOptions<OpsMemoryCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsMemoryCacheOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = CacheNames.SectionPath(name) + ":";
        var failures = new List<string>();
        if (options.SizeLimit is null)
        {
            failures.Add(prefix + "SizeLimit is required: a cache without a size limit grows without bound.");
        }
        else if (options.SizeLimit <= 0)
        {
            failures.Add(prefix + "SizeLimit must be greater than zero.");
        }

        if (options.DefaultEntrySize <= 0)
        {
            failures.Add(prefix + "DefaultEntrySize must be greater than zero.");
        }
        else if (options.SizeLimit > 0 && options.DefaultEntrySize > options.SizeLimit)
        {
            failures.Add(prefix + "DefaultEntrySize must not be greater than SizeLimit.");
        }

        Positive(options.AbsoluteExpirationRelativeToNow, prefix + "AbsoluteExpirationRelativeToNow", failures);
        Positive(options.SlidingExpiration, prefix + "SlidingExpiration", failures);
        Positive(options.ExpirationScanFrequency, prefix + "ExpirationScanFrequency", failures);
        Positive(options.MemoryPressureCheckInterval, prefix + "MemoryPressureCheckInterval", failures);
        Fraction(options.CompactionPercentage, prefix + "CompactionPercentage", failures);
        Fraction(options.MemoryPressureThreshold, prefix + "MemoryPressureThreshold", failures);
        Fraction(options.MemoryPressureCompactionPercentage, prefix + "MemoryPressureCompactionPercentage", failures);
        Fraction(options.DegradedAt, prefix + "DegradedAt", failures);
        if (options.MemoryLimitBytes is <= 0)
        {
            failures.Add(prefix + "MemoryLimitBytes must be greater than zero.");
        }

        if (!(options.DegradedEvictionRate >= 0) || double.IsInfinity(options.DegradedEvictionRate))
        {
            failures.Add(prefix + "DegradedEvictionRate must be zero or more evictions per second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan? value, string key, List<string> failures)
    {
        if (value is { } span && span <= TimeSpan.Zero)
        {
            failures.Add(key + " must be greater than zero.");
        }
    }

    private static void Fraction(double value, string key, List<string> failures)
    {
        // Written so that NaN fails too.
        if (!(value > 0 && value <= 1))
        {
            failures.Add(key + " must be greater than 0 and at most 1.");
        }
    }
}
