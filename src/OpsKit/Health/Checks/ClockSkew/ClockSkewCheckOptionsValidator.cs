using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class ClockSkewCheckOptionsValidator : IValidateOptions<ClockSkewCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, ClockSkewCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.HttpUrl(failures, name, "Url", options.Url);
        CheckValidation.Positive(failures, name, "DegradedAfter", options.DegradedAfter);
        return CheckValidation.Result(failures);
    }
}
