namespace OpsKit.Health.Checks.Internal;

internal sealed class FilePermissionsCheckOptionsValidator : CheckOptionsValidator<FilePermissionsCheckOptions>
{
    protected override void Validate(string name, FilePermissionsCheckOptions options, List<string> failures)
    {
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Mode(failures, name, "MaxMode", options.MaxMode);
    }
}
