namespace OpsKit.Caching.Internal;

/// <summary>Validates each disk-cache bound's options; every message names the configuration key.</summary>
internal sealed class OpsDiskCacheBoundOptionsValidator() : CacheOptionsValidator<OpsDiskCacheBoundOptions>(OpsDiskCacheBoundOptions.SectionName)
{
    protected override void Validate(OpsDiskCacheBoundOptions options, string prefix, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add(prefix + "Path is required: the cache directory to bound.");
        }

        RequiredBound(options.MaxBytes, prefix + "MaxBytes", "a disk cache without a bound grows until the volume is full.", failures);
        Positive(options.MaxAge, prefix + "MaxAge", failures);
        Positive(options.SweepInterval, prefix + "SweepInterval", failures);
    }
}
