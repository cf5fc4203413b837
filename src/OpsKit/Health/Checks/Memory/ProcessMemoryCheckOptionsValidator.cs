namespace OpsKit.Health.Checks.Internal;

internal sealed class ProcessMemoryCheckOptionsValidator : CheckOptionsValidator<ProcessMemoryCheckOptions>
{
    protected override void Validate(string name, ProcessMemoryCheckOptions options, List<string> failures)
    {
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        if (options.LimitBytes is <= 0)
        {
            failures.Add($"{CheckValidation.Key(name, "LimitBytes")} must be greater than zero.");
        }
    }
}
