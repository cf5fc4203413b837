using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class ThreadPoolCheckOptionsValidator : IValidateOptions<ThreadPoolCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, ThreadPoolCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Ascending(failures, name, "DegradedAt", options.DegradedAt, "UnhealthyAt", options.UnhealthyAt);
        return CheckValidation.Result(failures);
    }
}
