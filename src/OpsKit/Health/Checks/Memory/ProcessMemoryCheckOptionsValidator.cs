using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class ProcessMemoryCheckOptionsValidator : IValidateOptions<ProcessMemoryCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessMemoryCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        if (options.LimitBytes is <= 0)
        {
            failures.Add($"{CheckValidation.Key(name, "LimitBytes")} must be greater than zero.");
        }

        return CheckValidation.Result(failures);
    }
}
