using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class FilePermissionsCheckOptionsValidator : IValidateOptions<FilePermissionsCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, FilePermissionsCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Mode(failures, name, "MaxMode", options.MaxMode);
        return CheckValidation.Result(failures);
    }
}
