namespace OpsKit.Hosting.Internal;

/// <summary>Every validation failure of a set of named options, so start-up can report them all at once.</summary>
internal static class NamedOptionsFailures
{
    public static IEnumerable<string> Of<TOptions>(IOptionsMonitor<TOptions> options, IEnumerable<string> names)
    {
        var failures = new List<string>();
        foreach (var name in names)
        {
            try
            {
                _ = options.Get(name);
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        return failures;
    }
}
