using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class FileDescriptorsCheckOptionsValidator : IValidateOptions<FileDescriptorsCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, FileDescriptorsCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        return CheckValidation.Result(failures);
    }
}
