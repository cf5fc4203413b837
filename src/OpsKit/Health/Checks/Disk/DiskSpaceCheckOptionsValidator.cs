using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class DiskSpaceCheckOptionsValidator : IValidateOptions<DiskSpaceCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, DiskSpaceCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        if (options.MinFreeBytes is < 0)
        {
            failures.Add($"{CheckValidation.Key(name, "MinFreeBytes")} must be zero or more.");
        }

        return CheckValidation.Result(failures);
    }
}
