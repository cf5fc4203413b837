namespace OpsKit.Health.Internal;

/// <summary>Validates <c>OpsKit:Health</c>; every message names the configuration key.</summary>
internal sealed class OpsHealthOptionsValidator : IValidateOptions<OpsHealthOptions>
{
    private const string Prefix = OpsHealthOptions.SectionName + ":";

    // A short Period alone stays valid: the rule is about a Timeout someone chose, not the default one.
    private static readonly TimeSpan DefaultTimeout = new OpsHealthOptions().Timeout;

    // An overrun only delays the next run, so a timeout of a few periods is fine (docs/configuration.md); ten periods
    // and more is a unit slip (00:05:00 for 00:00:05 is sixty times), and a hung run would hide the dependency that long.
    private const int MaxPeriodsPerTimeout = 10;

    private const int MinimumAccessKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, OpsHealthOptions options)
    {
        var failures = new List<string>();
        if (options.Period <= TimeSpan.Zero)
        {
            failures.Add(Prefix + "Period must be greater than zero.");
        }
        else if (options.Period < options.MinimumPeriod)
        {
            failures.Add(TooShort(Prefix + "Period", options.MinimumPeriod));
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add(Prefix + "Timeout must be greater than zero.");
        }
        else if (options.Period > TimeSpan.Zero && options.Timeout > MaxPeriodsPerTimeout * options.Period && options.Timeout != DefaultTimeout)
        {
            failures.Add(LongerThanPeriod(OpsHealthOptions.SectionName, options.Timeout, options.Period));
        }

        if (options.ShutdownDelay < TimeSpan.Zero)
        {
            failures.Add(Prefix + "ShutdownDelay must not be negative.");
        }

        if (options.MaxParallelism < 1)
        {
            failures.Add(Prefix + "MaxParallelism must be at least 1.");
        }

        if (options.FailureThreshold < 1)
        {
            failures.Add(Prefix + "FailureThreshold must be at least 1.");
        }

        if (options.SuccessThreshold < 1)
        {
            failures.Add(Prefix + "SuccessThreshold must be at least 1.");
        }

        if (options.HealthChecksUiAccessKey is { } key && key.Trim().Length < MinimumAccessKeyLength)
        {
            failures.Add(Prefix + $"HealthChecksUiAccessKey must be at least {MinimumAccessKeyLength} characters of a random secret.");
        }

        if (options.Details is { } details && !Enum.IsDefined(details))
        {
            failures.Add(Prefix + "Details must be Never, Authorized, LocalOrAuthorized or Always.");
        }

        if (!Enum.IsDefined(options.Readiness))
        {
            failures.Add(Prefix + "Readiness must be Required or Degrade.");
        }

        ValidatePath(options.Paths.Live, "Live", required: true, failures);
        ValidatePath(options.Paths.Ready, "Ready", required: true, failures);
        ValidatePath(options.Paths.Startup, "Startup", required: true, failures);
        ValidatePath(options.Paths.Details, "Details", required: true, failures);
        ValidatePath(options.Paths.Alive, "Alive", required: false, failures);
        HealthGroups.Validate(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The message for a period below the minimum, shared with the checks' own <c>Period</c>.</summary>
    public static string TooShort(string key, TimeSpan minimum) =>
        $"{key} must be at least {minimum:c} (accepted: {minimum:c} or longer): probes read the snapshot, so a shorter "
        + "period detects nothing sooner and runs every check, database round trips included, many times a second.";

    private static string LongerThanPeriod(string section, TimeSpan timeout, TimeSpan period) =>
        $"{section}:Timeout ({timeout:c}) must not be longer than {MaxPeriodsPerTimeout} times {section}:Period ({period:c}): "
        + "a hung run would hide the dependency's state that long; shorten the timeout (e.g. to half the period) or lengthen the period.";

    private static void ValidatePath(string? path, string key, bool required, List<string> failures)
    {
        if (string.IsNullOrEmpty(path))
        {
            if (required)
            {
                failures.Add($"{Prefix}Paths:{key} is required.");
            }

            return;
        }

        if (!path.StartsWith('/'))
        {
            failures.Add($"{Prefix}Paths:{key} must start with '/'.");
        }
    }
}
