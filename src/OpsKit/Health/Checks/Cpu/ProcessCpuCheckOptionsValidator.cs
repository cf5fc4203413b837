using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class ProcessCpuCheckOptionsValidator : IValidateOptions<ProcessCpuCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessCpuCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        CheckValidation.Positive(failures, name, "Window", options.Window);
        return CheckValidation.Result(failures);
    }
}
