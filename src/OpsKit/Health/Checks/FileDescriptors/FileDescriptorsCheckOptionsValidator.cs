namespace OpsKit.Health.Checks.Internal;

internal sealed class FileDescriptorsCheckOptionsValidator : CheckOptionsValidator<FileDescriptorsCheckOptions>
{
    protected override void Validate(string name, FileDescriptorsCheckOptions options, List<string> failures)
    {
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
    }
}
