namespace OpsKit.Caching.Internal;

/// <summary>Validates each cache's options; every message names the configuration key.</summary>
internal sealed class OpsMemoryCacheOptionsValidator() : CacheOptionsValidator<OpsMemoryCacheOptions>(OpsMemoryCacheOptions.SectionName)
{
    protected override void Validate(OpsMemoryCacheOptions options, string prefix, List<string> failures)
    {
        RequiredBound(options.SizeLimit, prefix + "SizeLimit", "a cache without a size limit grows without bound.", failures);
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
