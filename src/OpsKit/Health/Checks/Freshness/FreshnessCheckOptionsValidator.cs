using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class FreshnessCheckOptionsValidator : IValidateOptions<FreshnessCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, FreshnessCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Positive(failures, name, "MaxAge", options.MaxAge, required: true);
        return CheckValidation.Result(failures);
    }
}
