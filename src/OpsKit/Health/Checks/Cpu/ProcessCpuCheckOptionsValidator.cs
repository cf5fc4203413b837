namespace OpsKit.Health.Checks.Internal;

internal sealed class ProcessCpuCheckOptionsValidator : CheckOptionsValidator<ProcessCpuCheckOptions>
{
    protected override void Validate(string name, ProcessCpuCheckOptions options, List<string> failures)
    {
        CheckValidation.Ratios(failures, name, options.DegradedAt, options.UnhealthyAt);
        CheckValidation.Positive(failures, name, "Window", options.Window);
    }
}
