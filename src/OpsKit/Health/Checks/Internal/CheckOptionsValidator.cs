namespace OpsKit.Health.Checks.Internal;

/// <summary>
/// The validation style of every built-in check type: named options only (the name is the check's, and every message
/// names its key under <c>OpsKit:Health:Checks:&lt;name&gt;</c> through <see cref="CheckValidation"/>), all failures at once.
/// </summary>
internal abstract class CheckOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Validate(name, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds one message per problem of the check named <paramref name="name"/>.</summary>
    protected abstract void Validate(string name, TOptions options, List<string> failures);
}
