using Microsoft.Extensions.Options;

namespace OpsKit.Health.Checks.Internal;

internal sealed class DirectoryCheckOptionsValidator : IValidateOptions<DirectoryCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryCheckOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Mode(failures, name, "Mode", options.Mode);
        return CheckValidation.Result(failures);
    }
}
