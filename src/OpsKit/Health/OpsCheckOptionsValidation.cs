using OpsKit.Health.Checks.Internal;
using OpsKit.Health.Internal;

namespace OpsKit.Health;

/// <summary>
/// Collects the validation errors of one check's options with the rules and messages of OpsKit's built-in checks: each
/// message names the full configuration key (<c>OpsKit:Health:Checks:&lt;name&gt;:&lt;Key&gt;</c>). Use it in an
/// <c>IValidateOptions&lt;TOptions&gt;</c>: create one per call, apply the rules, return <see cref="ToResult"/>.
/// </summary>
/// <param name="checkName">The check's name: the options name passed to <c>Validate</c>.</param>
public sealed class OpsCheckOptionsValidation(string? checkName)
{
    private readonly string _name = checkName ?? string.Empty;
    private readonly List<string> _errors = [];

    /// <summary>The errors found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The check's configuration section, <c>OpsKit:Health:Checks:&lt;name&gt;</c>.</summary>
    public string Section => CheckNames.SectionPath(_name);

    /// <summary>The full configuration key of <paramref name="key"/>, e.g. <c>OpsKit:Health:Checks:orders:Port</c>.</summary>
    /// <param name="key">An options property name.</param>
    /// <returns>The key operators set.</returns>
    public string Key(string key) => CheckValidation.Key(_name, key);

    /// <summary>Adds an error. It names its key (see <see cref="Key"/>) and never contains the value of a secret.</summary>
    /// <param name="error">The whole message, e.g. <c>$"{validation.Key("Port")} must be between 1 and 65535."</c>.</param>
    public void Add(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        _errors.Add(error);
    }

    /// <summary>
    /// The ratio thresholds <c>DegradedAt</c> and <c>UnhealthyAt</c>: each between 0 and 1 and, when the check can turn
    /// Unhealthy (<paramref name="unhealthyAt"/> not null), <c>DegradedAt</c> strictly below <c>UnhealthyAt</c>.
    /// </summary>
    /// <param name="degradedAt">The value at or above which the check is Degraded.</param>
    /// <param name="unhealthyAt">The value at or above which it is Unhealthy; null for never.</param>
    public void Ratios(double degradedAt, double? unhealthyAt) =>
        CheckValidation.Ratios(_errors, _name, degradedAt, unhealthyAt);

    /// <summary>The thresholds of <paramref name="options"/>, as <see cref="Ratios(double, double?)"/> checks them.</summary>
    /// <param name="options">The options of a ratio check.</param>
    public void Ratios(OpsRatioCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Ratios(options.DegradedAt, options.UnhealthyAt);
    }

    /// <summary>A duration that must be greater than zero.</summary>
    /// <param name="key">The options property name.</param>
    /// <param name="value">Its value; null is accepted unless <paramref name="required"/>.</param>
    /// <param name="required">Whether null is an error (<c>is required</c>).</param>
    public void Positive(string key, TimeSpan? value, bool required = false) =>
        CheckValidation.Positive(_errors, _name, key, value, required);

    /// <summary>
    /// Duration thresholds such as <c>DegradedLatency</c> and <c>UnhealthyLatency</c>: each greater than zero and, when
    /// <paramref name="upper"/> is set, <paramref name="lower"/> strictly below it.
    /// </summary>
    /// <param name="lowerKey">The lower threshold's property name.</param>
    /// <param name="lower">The lower threshold.</param>
    /// <param name="upperKey">The upper threshold's property name.</param>
    /// <param name="upper">The upper threshold; null for none.</param>
    public void Durations(string lowerKey, TimeSpan lower, string upperKey, TimeSpan? upper)
    {
        Positive(lowerKey, lower);
        Positive(upperKey, upper);
        if (upper is { } high && lower > TimeSpan.Zero && high > TimeSpan.Zero && lower >= high)
        {
            Add($"{Key(lowerKey)} must be less than {Key(upperKey)}.");
        }
    }

    /// <summary>Success when no error was added, otherwise a failure carrying every error.</summary>
    /// <returns>The result to return from <c>IValidateOptions&lt;TOptions&gt;.Validate</c>.</returns>
    public ValidateOptionsResult ToResult() =>
        _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
