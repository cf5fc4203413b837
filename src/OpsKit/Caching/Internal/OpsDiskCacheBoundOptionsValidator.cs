namespace OpsKit.Caching.Internal;

/// <summary>Validates each disk-cache bound's options; every message names the configuration key.</summary>
internal sealed class OpsDiskCacheBoundOptionsValidator : IValidateOptions<OpsDiskCacheBoundOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsDiskCacheBoundOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = DiskCacheCatalog.SectionPath(name) + ":";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add(prefix + "Path is required: the cache directory to bound.");
        }

        if (options.MaxBytes is null)
        {
            failures.Add(prefix + "MaxBytes is required: a disk cache without a bound grows until the volume is full.");
        }
        else if (options.MaxBytes <= 0)
        {
            failures.Add(prefix + "MaxBytes must be greater than zero.");
        }

        if (options.MaxAge is { } age && age <= TimeSpan.Zero)
        {
            failures.Add(prefix + "MaxAge must be greater than zero.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add(prefix + "SweepInterval must be greater than zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
