namespace OpsKit.Health.Checks.Internal;

internal sealed class ThreadPoolCheckOptionsValidator : CheckOptionsValidator<ThreadPoolCheckOptions>
{
    protected override void Validate(string name, ThreadPoolCheckOptions options, List<string> failures)
    {
        CheckValidation.Ascending(failures, name, "DegradedAt", options.DegradedAt, "UnhealthyAt", options.UnhealthyAt);
    }
}
