namespace OpsKit.Caching.Internal;

/// <summary>
/// Validates the named options of one cache kind; every message starts with the configuration key of the instance
/// (<c>&lt;section&gt;:&lt;name&gt;:</c>). Unnamed options are not a cache and are skipped.
/// </summary>
/// <typeparam name="TOptions">The options type of the kind.</typeparam>
internal abstract class CacheOptionsValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Validate(options, sectionName + ":" + name + ":", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    protected abstract void Validate(TOptions options, string prefix, List<string> failures);

    /// <summary>A required bound: missing says why it is required, zero or less must be greater than zero.</summary>
    protected static void RequiredBound(long? value, string key, string whyRequired, List<string> failures)
    {
        if (value is null)
        {
            failures.Add($"{key} is required: {whyRequired}");
        }
        else if (value <= 0)
        {
            failures.Add(key + " must be greater than zero.");
        }
    }

    protected static void Positive(TimeSpan? value, string key, List<string> failures)
    {
        if (value is { } span && span <= TimeSpan.Zero)
        {
            failures.Add(key + " must be greater than zero.");
        }
    }
}
