namespace OpsKit.Health.Checks.Internal;

internal sealed class DirectoryCheckOptionsValidator : CheckOptionsValidator<DirectoryCheckOptions>
{
    protected override void Validate(string name, DirectoryCheckOptions options, List<string> failures)
    {
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Mode(failures, name, "Mode", options.Mode);
    }
}
