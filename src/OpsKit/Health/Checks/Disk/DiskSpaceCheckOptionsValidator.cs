namespace OpsKit.Health.Checks.Internal;

internal sealed class DiskSpaceCheckOptionsValidator : CheckOptionsValidator<DiskSpaceCheckOptions>
{
    protected override void Validate(string name, DiskSpaceCheckOptions options, List<string> failures)
    {
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        if (options.MinFreeBytes is < 0)
        {
            failures.Add($"{CheckValidation.Key(name, "MinFreeBytes")} must be zero or more.");
        }
    }
}
